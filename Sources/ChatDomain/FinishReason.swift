/// Why the model stopped producing a reply.
public enum FinishReason: Sendable, Equatable {
    case stop
    case length
    case toolCalls
    case contentFilter
    case other(String)

    public init(wireValue: String) {
        switch wireValue {
        case "stop": self = .stop
        case "length": self = .length
        case "tool_calls": self = .toolCalls
        case "content_filter": self = .contentFilter
        default: self = .other(wireValue)
        }
    }
}
