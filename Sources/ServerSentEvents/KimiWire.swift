/// The JSON shapes of Moonshot's Chat Completions responses (moonshot-api.md §2–§4),
/// decoded only as far as kimichat needs them.
struct ChunkWire: Decodable {
    var choices: [ChoiceWire]?
    var usage: UsageWire?
    var error: ErrorWire?
}

struct ChoiceWire: Decodable {
    var delta: DeltaWire?
    var message: DeltaWire?
    var finishReason: String?
    var usage: UsageWire?

    enum CodingKeys: String, CodingKey {
        case delta, message, usage
        case finishReason = "finish_reason"
    }
}

struct DeltaWire: Decodable {
    var content: String?
    var reasoningContent: String?
    var toolCalls: [ToolCallWire]?

    enum CodingKeys: String, CodingKey {
        case content
        case reasoningContent = "reasoning_content"
        case toolCalls = "tool_calls"
    }
}

/// A tool call or a piece of one (moonshot-api.md §9.1). Whole replies carry no
/// `index`: their calls are numbered by position.
struct ToolCallWire: Decodable {
    struct Function: Decodable {
        var name: String?
        var arguments: String?
    }

    var index: Int?
    var id: String?
    var function: Function?
}

struct UsageWire: Decodable {
    struct Details: Decodable {
        var cachedTokens: Int?
        var reasoningTokens: Int?
        enum CodingKeys: String, CodingKey {
            case cachedTokens = "cached_tokens"
            case reasoningTokens = "reasoning_tokens"
        }
    }

    var promptTokens: Int?
    var completionTokens: Int?
    var totalTokens: Int?
    var cachedTokens: Int?
    var promptTokensDetails: Details?
    var completionTokensDetails: Details?

    enum CodingKeys: String, CodingKey {
        case promptTokens = "prompt_tokens"
        case completionTokens = "completion_tokens"
        case totalTokens = "total_tokens"
        case cachedTokens = "cached_tokens"
        case promptTokensDetails = "prompt_tokens_details"
        case completionTokensDetails = "completion_tokens_details"
    }
}

struct ErrorWire: Decodable {
    var message: String?
    var type: String?
    var code: String?

    enum CodingKeys: String, CodingKey { case message, type, code }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        message = try container.decodeIfPresent(String.self, forKey: .message)
        type = try container.decodeIfPresent(String.self, forKey: .type)
        // `code` is a string in newer responses and a number in some older ones.
        if let text = try? container.decodeIfPresent(String.self, forKey: .code) {
            code = text
        } else if let number = try? container.decodeIfPresent(Int.self, forKey: .code) {
            code = String(number)
        }
    }
}

struct ErrorBodyWire: Decodable {
    var error: ErrorWire
}
