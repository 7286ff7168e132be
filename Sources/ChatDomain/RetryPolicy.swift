/// When a failed request is tried again, and after how long. Pure: the caller brings
/// the jitter (a number in 0..<1) and the server's hints.
///
/// Only failures before the first token are ever retried; the caller decides that.
/// Retried: no connection, timeouts before the response head, a stream that broke
/// before its first token, 429 rate limits and overloads, 500/502/503/504. Never:
/// 400, 401, 403, 404, an exhausted quota, the content filter (moonshot-api.md §4).
public struct RetryPolicy: Sendable, Equatable {
    /// Tries in all, the first included.
    public var maxAttempts: Int
    /// The wait before the second try; it doubles for each try after that.
    public var baseDelay: Double
    /// The longest wait kimichat accepts: a server asking for more (a daily token
    /// limit can say 20 minutes) gets its error shown instead.
    public var longestWait: Double

    public init(maxAttempts: Int = 4, baseDelay: Double = 1, longestWait: Double = 60) {
        self.maxAttempts = maxAttempts
        self.baseDelay = baseDelay
        self.longestWait = longestWait
    }

    public static let never = RetryPolicy(maxAttempts: 1)

    /// Seconds to wait before try `attempt + 1`, or nil when `failure` (of try
    /// `attempt`) is final. `retryAfter` is the server's `Retry-After`, in seconds.
    public func delay(after failure: ChatError, attempt: Int, retryAfter: Double?, jitter: Double) -> Double? {
        guard attempt < maxAttempts, Self.isRetryable(failure) else { return nil }
        let hinted = retryAfter ?? Self.hintedDelay(in: failure)
        if let hinted {
            return hinted <= longestWait ? max(0, hinted) : nil
        }
        // ±25% so that many clients cut off together do not come back together.
        let exponential = baseDelay * Double(1 << min(attempt - 1, 20))
        return min(longestWait, exponential * (0.75 + 0.5 * min(max(jitter, 0), 1)))
    }

    public static func isRetryable(_ failure: ChatError) -> Bool {
        switch failure {
        case .connection, .interrupted:
            return true
        case let .http(status, type, _):
            if let type, neverRetriedTypes.contains(type) { return false }
            if status == 200 { return type.map(retriedTypes.contains) ?? false }
            return status == 429 || [500, 502, 503, 504].contains(status)
        case let .gatewayPage(status, _):
            return status == 429 || [500, 502, 503, 504].contains(status)
        case .malformedStream, .invalidRequest, .missingKey, .notSaved, .gaveUp, .untrustedServer, .proxyRefused:
            return false
        }
    }

    static let neverRetriedTypes: Set<String> = ["exceeded_current_quota_error", "content_filter",
                                                  "invalid_request_error", "invalid_authentication_error",
                                                  "incorrect_api_key_error", "permission_denied_error",
                                                  "resource_not_found_error"]
    /// Error types that mean "later may work" when they arrive inside a stream.
    static let retriedTypes: Set<String> = ["rate_limit_reached_error", "engine_overloaded_error", "server_error"]

    /// The "please try again after N seconds" Moonshot puts in rate-limit messages.
    public static func hintedDelay(in failure: ChatError) -> Double? {
        guard case let .http(_, _, message) = failure else { return nil }
        let lowered = message.lowercased()
        guard let marker = lowered.firstRange(of: "try again after") else { return nil }
        let number = lowered[marker.upperBound...].drop { $0 == " " }.prefix { $0.isNumber || $0 == "." }
        return Double(number)
    }
}
