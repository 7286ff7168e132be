import ChatDomain
import Foundation

/// The JSON body of POST /chat/completions. Temperature is sent only when the request
/// carries one, which `RequestRules` allows only for models that accept it: current
/// Kimi models fix their sampling and refuse other values (moonshot-api.md §1.2).
struct RequestBody: Encodable {
    struct StreamOptions: Encodable {
        var includeUsage = true
        enum CodingKeys: String, CodingKey { case includeUsage = "include_usage" }
    }

    struct Tool: Encodable {
        struct Function: Encodable { var name: String }
        var type: String
        var function: Function

        static let webSearch = Tool(type: "builtin_function", function: Function(name: WebSearch.toolName))
    }

    struct Thinking: Encodable {
        var type: String
    }

    var model: String
    var messages: [RequestMessage]
    var stream: Bool
    var streamOptions: StreamOptions?
    var maxCompletionTokens: Int?
    var temperature: Double?
    var tools: [Tool]?
    var thinking: Thinking?
    var promptCacheKey: String?
    var topP: Double?
    var reasoningEffort: String?

    enum CodingKeys: String, CodingKey {
        case model, messages, stream, temperature, tools, thinking
        case topP = "top_p"
        case reasoningEffort = "reasoning_effort"
        case promptCacheKey = "prompt_cache_key"
        case streamOptions = "stream_options"
        case maxCompletionTokens = "max_completion_tokens"
    }

    init(_ request: ChatRequest, stream: Bool, imageReader: ImageReader = ImageReader()) {
        model = request.model
        messages = request.turns.map { RequestMessage($0, imageReader: imageReader) }
        self.stream = stream
        streamOptions = stream ? StreamOptions() : nil
        maxCompletionTokens = request.maxCompletionTokens
        temperature = request.temperature
        tools = request.webSearch ? [.webSearch] : nil
        thinking = request.thinkingDisabled ? Thinking(type: "disabled") : nil
        promptCacheKey = request.promptCacheKey
        topP = request.topP
        reasoningEffort = request.reasoningEffort?.rawValue
    }

    func encoded() throws -> Data {
        let encoder = JSONEncoder()
        // Sorted keys: the same request is the same bytes every time, from every process.
        encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
        return try encoder.encode(self)
    }
}

/// One message of the body. A user turn with images sends its content as an array of
/// parts (moonshot-api.md §9.4): the images first, then the text.
struct RequestMessage: Encodable {
    enum Content: Encodable {
        case text(String)
        case parts([Part])

        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case let .text(text): try container.encode(text)
            case let .parts(parts): try container.encode(parts)
            }
        }
    }

    struct Part: Encodable {
        struct ImageURL: Encodable { var url: String }
        var type: String
        var text: String?
        var imageURL: ImageURL?

        enum CodingKeys: String, CodingKey {
            case type, text
            case imageURL = "image_url"
        }
    }

    struct ToolCallWire: Encodable {
        struct Function: Encodable { var name: String, arguments: String }
        var id: String
        var type: String
        var function: Function
    }

    var role: String
    var content: Content
    var reasoningContent: String?
    var toolCalls: [ToolCallWire]?
    var toolCallID: String?
    var name: String?
    var partial: Bool?

    enum CodingKeys: String, CodingKey {
        case role, content, name, partial
        case reasoningContent = "reasoning_content"
        case toolCalls = "tool_calls"
        case toolCallID = "tool_call_id"
    }

    init(_ turn: ChatTurn, imageReader: ImageReader) {
        role = turn.role.rawValue
        reasoningContent = turn.role == .assistant ? turn.reasoning : nil
        toolCallID = turn.toolCallID
        name = turn.name
        partial = turn.partial ? true : nil
        toolCalls = turn.toolCalls.isEmpty ? nil : turn.toolCalls.map {
            // Built-in functions ($web_search) come back typed as such, and go back the same way.
            ToolCallWire(id: $0.id, type: $0.name.hasPrefix("$") ? "builtin_function" : "function",
                         function: .init(name: $0.name, arguments: $0.arguments))
        }
        guard !turn.images.isEmpty else {
            content = .text(turn.content)
            return
        }
        var parts = turn.images.map { imageReader.part(for: $0) }
        if !turn.content.isEmpty { parts.append(Part(type: "text", text: turn.content)) }
        content = .parts(parts)
    }
}

/// An image as a content part: a base64 data URL of its bytes, read again from its file
/// when it was kept by path. A file that changed or went away becomes a line of text
/// saying so, so the question still goes.
struct ImageReader: Sendable {
    var readFile: @Sendable (String) -> Data? = { FileManager.default.contents(atPath: $0) }

    func part(for image: TurnImage) -> RequestMessage.Part {
        switch image.image.storage {
        case let .bytes(bytes):
            return dataURLPart(bytes, image.image.mediaType)
        case let .file(path, sha256):
            guard let bytes = readFile(path) else {
                return RequestMessage.Part(type: "text", text: "[image \(image.name) left out: \(path) is gone]")
            }
            guard SHA256.hex(of: bytes) == sha256 else {
                return RequestMessage.Part(type: "text",
                                           text: "[image \(image.name) left out: \(path) changed since it was attached]")
            }
            return dataURLPart(bytes, image.image.mediaType)
        }
    }

    private func dataURLPart(_ bytes: Data, _ mediaType: String) -> RequestMessage.Part {
        RequestMessage.Part(type: "image_url",
                            imageURL: .init(url: "data:\(mediaType);base64,\(bytes.base64EncodedString())"))
    }
}
