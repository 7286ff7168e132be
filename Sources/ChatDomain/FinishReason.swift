/// Why the model stopped producing a reply.
public enum FinishReason: Sendable, Equatable, Codable {
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

    /// The API's spelling, as stored in the database.
    public var wireValue: String {
        switch self {
        case .stop: return "stop"
        case .length: return "length"
        case .toolCalls: return "tool_calls"
        case .contentFilter: return "content_filter"
        case let .other(value): return value
        }
    }

    public init(from decoder: any Decoder) throws {
        self.init(wireValue: try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(wireValue)
    }
}
