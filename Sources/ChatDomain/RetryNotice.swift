/// A request failed before its first token and will be tried again.
public struct RetryNotice: Sendable, Equatable {
    /// The try that comes next (2 for the first retry) and how many there may be.
    public var attempt: Int
    public var maxAttempts: Int
    /// The wait before it starts.
    public var seconds: Double
    /// What went wrong, for the status bar.
    public var reason: String

    public init(attempt: Int, maxAttempts: Int, seconds: Double, reason: String) {
        self.attempt = attempt
        self.maxAttempts = maxAttempts
        self.seconds = seconds
        self.reason = reason
    }

    /// "retrying in 3s (2/4)" — whole seconds, rounded up, counting down from `elapsed`.
    public func countdown(elapsed: Double) -> String {
        let left = max(0, seconds - elapsed)
        if left <= 0 { return "retrying (\(attempt)/\(maxAttempts))" }
        return "retrying in \(Int(left.rounded(.up)))s (\(attempt)/\(maxAttempts))"
    }
}
