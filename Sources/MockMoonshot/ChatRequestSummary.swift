import Foundation

/// The parts of a chat request the mock's answer depends on.
struct ChatRequestSummary {
    var model: String
    var messages: [(role: String, content: String)]
    var stream: Bool
    var includeUsage: Bool
    var thinkingDisabled: Bool
    var temperature: Double?
    var maxCompletionTokens: Int?

    init?(_ request: RecordedRequest) {
        guard let json = request.json, let model = json["model"] as? String,
              let messages = json["messages"] as? [[String: Any]], !messages.isEmpty else { return nil }
        self.model = model
        self.messages = request.messages
        stream = json["stream"] as? Bool ?? false
        includeUsage = (json["stream_options"] as? [String: Any])?["include_usage"] as? Bool ?? false
        thinkingDisabled = (json["thinking"] as? [String: Any])?["type"] as? String == "disabled"
        temperature = (json["temperature"] as? NSNumber)?.doubleValue
        maxCompletionTokens = (json["max_completion_tokens"] as? NSNumber)?.intValue
    }

    /// The mock's token count for the prompt (its usage reports the same).
    var promptTokens: Int { max(1, messages.reduce(0) { $0 + $1.content.count } / 3) }

    /// What the real API refuses (moonshot-api.md §1.2, §4.4): a temperature a model
    /// fixes, and a prompt plus reply budget larger than the context window.
    func rejection(for model: MockModel) -> MockScenario.HTTPError? {
        if model.fixedSampling, let temperature, temperature != 1 {
            return .init(status: 400, type: "invalid_request_error",
                         message: "invalid temperature: only 1 is allowed for this model")
        }
        let requested = promptTokens + (maxCompletionTokens ?? 1024)
        if requested > model.contextLength {
            return .init(status: 400, type: "invalid_request_error",
                         message: "Your request exceeded model token limit: \(model.contextLength) (requested: \(requested))")
        }
        return nil
    }

    func script(for model: MockModel, scenario: MockScenario) -> ReplyScript {
        let lastUser = messages.last(where: { $0.role == "user" })?.content ?? ""
        let userTurns = messages.filter { $0.role == "user" }.count
        let content: [String]
        if let count = scenario.tokenCount {
            content = ReplyScript.filler(count: count)
        } else {
            content = ReplyScript.tokens(of: scenario.reply ?? defaultReply(lastUser: lastUser, turn: userTurns))
        }
        let thinks = model.thinks == .always || (model.thinks == .byDefault && !thinkingDisabled)
        var reasoning: [String] = []
        if thinks {
            let text = scenario.reasoning
                ?? "The user wrote \(quote(lastUser)). I should answer briefly and say this is the demo server."
            reasoning = ReplyScript.tokens(of: text)
        }
        return ReplyScript(
            id: "chatcmpl-mock\(UInt32.random(in: 0...UInt32.max))",
            model: model.id,
            created: Int(Date().timeIntervalSince1970),
            reasoningTokens: reasoning,
            contentTokens: content,
            promptTokens: promptTokens,
            finishReason: scenario.finishReason,
            includeTrailingUsage: includeUsage
        )
    }

    private func defaultReply(lastUser: String, turn: Int) -> String {
        "You said \(quote(lastUser)). This is reply \(turn) from kimichat's offline demo server; "
            + "your request carried \(messages.count) messages, so the whole conversation went along. "
            + "演示模式的回复也会逐字显示。"
    }

    private func quote(_ text: String) -> String {
        let oneLine = text.replacingOccurrences(of: "\n", with: " ")
        return "“" + (oneLine.count > 80 ? String(oneLine.prefix(80)) + "…" : oneLine) + "”"
    }
}
