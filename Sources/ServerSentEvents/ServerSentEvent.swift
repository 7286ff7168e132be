/// One dispatched Server-Sent Event: the `data` lines joined by newlines.
public struct ServerSentEvent: Sendable, Equatable {
    public var event: String?
    public var data: String
    public var id: String?

    public init(event: String? = nil, data: String, id: String? = nil) {
        self.event = event
        self.data = data
        self.id = id
    }
}

public enum ServerSentEventError: Error, Sendable, Equatable {
    /// A line (or an event's accumulated data) grew past the parser's limit.
    case tooLarge(limit: Int)
}
