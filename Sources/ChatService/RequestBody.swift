import ChatDomain
import Foundation

/// The JSON body of POST /chat/completions. Temperature is sent only when the request
/// carries one, which `RequestRules` allows only for models that accept it: current
/// Kimi models fix their sampling and refuse other values (moonshot-api.md §1.2).
struct RequestBody: Encodable {
    struct Message: Encodable {
        var role: String
        var content: String
        var reasoningContent: String?

        enum CodingKeys: String, CodingKey {
            case role, content
            case reasoningContent = "reasoning_content"
        }
    }

    struct StreamOptions: Encodable {
        var includeUsage = true
        enum CodingKeys: String, CodingKey { case includeUsage = "include_usage" }
    }

    var model: String
    var messages: [Message]
    var stream: Bool
    var streamOptions: StreamOptions?
    var maxCompletionTokens: Int?
    var temperature: Double?

    enum CodingKeys: String, CodingKey {
        case model, messages, stream, temperature
        case streamOptions = "stream_options"
        case maxCompletionTokens = "max_completion_tokens"
    }

    init(_ request: ChatRequest, stream: Bool) {
        model = request.model
        messages = request.turns.map {
            Message(role: $0.role.rawValue, content: $0.content,
                    reasoningContent: $0.role == .assistant ? $0.reasoning : nil)
        }
        self.stream = stream
        streamOptions = stream ? StreamOptions() : nil
        maxCompletionTokens = request.maxCompletionTokens
        temperature = request.temperature
    }

    func encoded() throws -> Data {
        let encoder = JSONEncoder()
        // Sorted keys: the same request is the same bytes every time, from every process.
        encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
        return try encoder.encode(self)
    }
}
