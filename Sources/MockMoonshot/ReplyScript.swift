/// The chunks one streamed reply is made of, decided before the first byte is sent.
struct ReplyScript {
    var id: String
    var model: String
    var created: Int
    var reasoningTokens: [String]
    var contentTokens: [String]
    var promptTokens: Int
    var finishReason: String
    var includeTrailingUsage: Bool
    /// A tool call instead of (after) the content: the reply ends with `tool_calls`.
    var toolCall: MockToolCall?

    var completionTokens: Int { reasoningTokens.count + contentTokens.count }

    func chunk(delta: String, finishReason: String? = nil, usage: Bool = false) -> String {
        var json = "{\"id\":\"\(id)\",\"object\":\"chat.completion.chunk\",\"created\":\(created),"
            + "\"model\":\(JSONText.quoted(model)),\"choices\":[{\"index\":0,\"delta\":\(delta),"
            + "\"finish_reason\":" + (finishReason.map(JSONText.quoted) ?? "null")
        if usage { json += ",\"usage\":" + usageJSON }
        json += "}],\"system_fingerprint\":\"fpv0_mock\"}"
        return "data: " + json + "\n\n"
    }

    var firstChunk: String { chunk(delta: "{\"role\":\"assistant\",\"content\":\"\"}") }
    func reasoningChunk(_ token: String) -> String { chunk(delta: "{\"reasoning_content\":\(JSONText.quoted(token))}") }
    func contentChunk(_ token: String) -> String { chunk(delta: "{\"content\":\(JSONText.quoted(token))}") }
    var finishChunk: String { chunk(delta: "{}", finishReason: finishReason, usage: true) }

    /// The tool call as it streams (moonshot-api.md §9.1): the first piece names it, the
    /// arguments follow in fragments tied to it by `index`.
    var toolCallChunks: [String] {
        guard let call = toolCall else { return [] }
        let opening = "{\"tool_calls\":[{\"index\":0,\"id\":\(JSONText.quoted(call.id)),\"type\":\(JSONText.quoted(call.type)),"
            + "\"function\":{\"name\":\(JSONText.quoted(call.name)),\"arguments\":\"\"}}]}"
        let characters = Array(call.arguments)
        let size = max(1, (characters.count + 2) / 3)
        let fragments = stride(from: 0, to: characters.count, by: size).map {
            String(characters[$0..<min(characters.count, $0 + size)])
        }
        return [chunk(delta: opening)] + fragments.map { fragment in
            chunk(delta: "{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\(JSONText.quoted(fragment))}}]}")
        }
    }
    var trailingUsageChunk: String {
        "data: {\"id\":\"\(id)\",\"object\":\"chat.completion.chunk\",\"created\":\(created),"
            + "\"model\":\(JSONText.quoted(model)),\"choices\":[],\"usage\":\(usageJSON)}\n\n"
    }
    static let done = "data: [DONE]\n\n"

    var usageJSON: String {
        "{\"prompt_tokens\":\(promptTokens),\"completion_tokens\":\(completionTokens),"
            + "\"total_tokens\":\(promptTokens + completionTokens),"
            + "\"completion_tokens_details\":{\"reasoning_tokens\":\(reasoningTokens.count)}}"
    }

    /// The whole reply as one `chat.completion` body, for `stream: false`.
    var completionBody: String {
        var message = "{\"role\":\"assistant\",\"content\":\(JSONText.quoted(contentTokens.joined()))"
        if !reasoningTokens.isEmpty { message += ",\"reasoning_content\":\(JSONText.quoted(reasoningTokens.joined()))" }
        if let call = toolCall {
            message += ",\"tool_calls\":[{\"id\":\(JSONText.quoted(call.id)),\"type\":\(JSONText.quoted(call.type)),"
                + "\"function\":{\"name\":\(JSONText.quoted(call.name)),\"arguments\":\(JSONText.quoted(call.arguments))}}]"
        }
        message += "}"
        return "{\"id\":\"\(id)\",\"object\":\"chat.completion\",\"created\":\(created),\"model\":\(JSONText.quoted(model)),"
            + "\"choices\":[{\"index\":0,\"message\":\(message),\"finish_reason\":\(JSONText.quoted(finishReason))}],"
            + "\"usage\":\(usageJSON)}"
    }

    /// Splits text into stream tokens: a word with its following space, or one CJK character.
    static func tokens(of text: String) -> [String] {
        var tokens: [String] = []
        var current = ""
        for character in text {
            let isWide = character.unicodeScalars.first.map { $0.value >= 0x2E80 } ?? false
            if isWide {
                if !current.isEmpty { tokens.append(current); current = "" }
                tokens.append(String(character))
            } else if character == " " || character == "\n" {
                current.append(character)
                tokens.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        if !current.isEmpty { tokens.append(current) }
        return tokens
    }

    static let fillerWords = ["the", "quick", "streaming", "reply", "keeps", "every", "word", "in", "order,",
                              "and", "kimichat", "draws", "it", "as", "it", "arrives."]

    /// Each sentence is numbered ("… it arrives 12."), so no two rows of a long reply
    /// are alike, as in real text. A filler whose rows repeat defeats the terminal
    /// library's scrolling (it matches rows by content) and makes every new row repaint
    /// the whole transcript, which no real reply does.
    static func filler(count: Int) -> [String] {
        (0..<count).map { index in
            let word = fillerWords[index % fillerWords.count]
            let sentence = index / fillerWords.count + 1
            return index % fillerWords.count == fillerWords.count - 1 ? "arrives \(sentence). " : word + " "
        }
    }
}
