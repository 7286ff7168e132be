import Foundation

/// The parts of a chat request the mock's answer depends on.
struct ChatRequestSummary {
    var model: String
    var messages: [(role: String, content: String)]
    var stream: Bool
    var includeUsage: Bool
    var thinkingDisabled: Bool
    var temperature: Double?
    var topP: Double?
    var reasoningEffort: String?
    var maxCompletionTokens: Int?
    /// `tools` declares `{"type": "builtin_function", "function": {"name": "$web_search"}}`.
    var declaresWebSearch: Bool
    /// `image_url` parts in the messages, and any whose URL is not a data URL or file id.
    var imageParts: Int
    var badImageURLs: Int
    /// `tool` messages that answer `$web_search`, and whether each repeats its call's
    /// arguments byte for byte, as the API requires.
    var searchAnswers: Int
    var searchAnswersMatch: Bool
    /// The index of the first assistant message with `tool_calls` but no `reasoning_content`.
    var toolCallWithoutReasoning: Int?
    /// The last message is an assistant's reply so far with `partial: true` (Partial Mode).
    var continuing: String?

    init?(_ request: RecordedRequest) {
        guard let json = request.json, let model = json["model"] as? String,
              let messages = json["messages"] as? [[String: Any]], !messages.isEmpty else { return nil }
        self.model = model
        self.messages = request.messages
        stream = json["stream"] as? Bool ?? false
        includeUsage = (json["stream_options"] as? [String: Any])?["include_usage"] as? Bool ?? false
        thinkingDisabled = (json["thinking"] as? [String: Any])?["type"] as? String == "disabled"
        temperature = (json["temperature"] as? NSNumber)?.doubleValue
        topP = (json["top_p"] as? NSNumber)?.doubleValue
        reasoningEffort = json["reasoning_effort"] as? String
        maxCompletionTokens = (json["max_completion_tokens"] as? NSNumber)?.intValue
        declaresWebSearch = (json["tools"] as? [[String: Any]] ?? []).contains {
            $0["type"] as? String == "builtin_function"
                && ($0["function"] as? [String: Any])?["name"] as? String == "$web_search"
        }
        var images = 0
        var badImages = 0
        var calls: [String: String] = [:]
        var answers = 0
        var answersMatch = true
        var withoutReasoning: Int?
        for (index, message) in messages.enumerated() {
            // Only this reply's searches count: those after the last question.
            if message["role"] as? String == "user" { answers = 0 }
            if message["tool_calls"] != nil, (message["reasoning_content"] as? String ?? "").isEmpty,
               withoutReasoning == nil {
                withoutReasoning = index
            }
            for part in message["content"] as? [[String: Any]] ?? [] where part["type"] as? String == "image_url" {
                images += 1
                let url = (part["image_url"] as? [String: Any])?["url"] as? String ?? part["image_url"] as? String ?? ""
                if !(url.hasPrefix("data:image/") && url.contains(";base64,")) && !url.hasPrefix("ms://") { badImages += 1 }
            }
            for call in message["tool_calls"] as? [[String: Any]] ?? [] {
                if let id = call["id"] as? String {
                    calls[id] = (call["function"] as? [String: Any])?["arguments"] as? String ?? ""
                }
            }
            if message["role"] as? String == "tool", message["name"] as? String == "$web_search" {
                answers += 1
                let id = message["tool_call_id"] as? String ?? ""
                if calls[id] == nil || calls[id] != message["content"] as? String { answersMatch = false }
            }
        }
        imageParts = images
        badImageURLs = badImages
        searchAnswers = answers
        searchAnswersMatch = answersMatch
        toolCallWithoutReasoning = withoutReasoning
        if let last = messages.last, last["role"] as? String == "assistant", last["partial"] as? Bool == true {
            continuing = last["content"] as? String ?? ""
        }
    }

    /// The mock's token count for the prompt (its usage reports the same); each search
    /// answered adds its results, as Moonshot's does.
    var promptTokens: Int {
        max(1, messages.reduce(0) { $0 + $1.content.count } / 3) + searchAnswers * MockToolCall.webSearchResultTokens
            + imageParts * 1_000
    }

    /// What the real API refuses (moonshot-api.md §1.2, §4.4): a temperature a model
    /// fixes, and a prompt plus reply budget larger than the context window.
    func rejection(for model: MockModel) -> MockScenario.HTTPError? {
        if model.fixedSampling, let temperature, temperature != 1 {
            return .init(status: 400, type: "invalid_request_error",
                         message: "invalid temperature: only 1 is allowed for this model")
        }
        if model.fixedSampling, let topP, topP != 0.95 {
            return .init(status: 400, type: "invalid_request_error",
                         message: "invalid top_p: only 0.95 is allowed for this model")
        }
        if thinkingDisabled, model.thinks == .always {
            return .init(status: 400, type: "invalid_request_error",
                         message: "invalid thinking: only type=enabled is allowed for this model")
        }
        if let reasoningEffort, !model.reasoningEffort || !["low", "high", "max"].contains(reasoningEffort) {
            return .init(status: 400, type: "invalid_request_error",
                         message: "invalid reasoning_effort: \(reasoningEffort) is not supported for this model")
        }
        if imageParts > 0, !model.imageInput {
            return .init(status: 400, type: "invalid_request_error",
                         message: "Invalid request: the model \(model.id) does not support image input")
        }
        if badImageURLs > 0 {
            return .init(status: 400, type: "invalid_request_error",
                         message: "Invalid request: image_url must be a base64 data URL or an ms:// file id")
        }
        let thinks = model.thinks == .always || (model.thinks == .byDefault && !thinkingDisabled)
        if thinks, let index = toolCallWithoutReasoning {
            // Kimi's words for it (moonshot-api.md §9.7).
            return .init(status: 400, type: "invalid_request_error",
                         message: "thinking is enabled but reasoning_content is missing in assistant tool call "
                            + "message at index \(index)")
        }
        if declaresWebSearch, thinks {
            return .init(status: 400, type: "invalid_request_error",
                         message: "Invalid request: $web_search is not available while thinking is enabled")
        }
        if !searchAnswersMatch {
            return .init(status: 400, type: "invalid_request_error",
                         message: "Invalid request: a tool message must answer a tool call of the assistant message before it "
                            + "with that call's arguments")
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
        var toolCall: MockToolCall?
        var demo: DemoReplies.Reply?
        if let name = scenario.toolCall {
            toolCall = MockToolCall(id: "\(name):mock-1", type: "function", name: name, arguments: "{}")
        } else if declaresWebSearch, searchAnswers < (scenario.webSearches ?? 1) {
            toolCall = .webSearch(query: lastUser, number: searchAnswers + 1)
        }
        if toolCall != nil {
            content = []
        } else if let continuing, scenario.reply == nil, scenario.tokenCount == nil {
            // The rest, without the part already written (the API does not repeat it).
            content = ReplyScript.tokens(of: " …and here the reply goes on from “\(String(continuing.suffix(20)))” to its end.")
        } else if declaresWebSearch, searchAnswers > 0, scenario.reply == nil, scenario.tokenCount == nil {
            content = ReplyScript.tokens(of: "I searched the web \(searchAnswers == 1 ? "once" : "\(searchAnswers) times") for "
                + "\(quote(lastUser)) (the demo server's search finds \(MockToolCall.webSearchResultTokens) tokens of "
                + "results each time). This answer comes after the search, as Kimi's would.")
        } else if let count = scenario.tokenCount {
            content = ReplyScript.filler(count: count)
        } else if scenario.demoTour, scenario.reply == nil {
            demo = DemoReplies.reply(to: lastUser, messageCount: messages.count)
            content = ReplyScript.tokens(of: demo?.content ?? "")
        } else {
            content = ReplyScript.tokens(of: scenario.reply ?? defaultReply(lastUser: lastUser, turn: userTurns))
        }
        let thinks = model.thinks == .always || (model.thinks == .byDefault && !thinkingDisabled)
        var reasoning: [String] = []
        if thinks, continuing == nil {
            let text = scenario.reasoning ?? demo?.reasoning
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
            finishReason: toolCall == nil ? scenario.finishReason : "tool_calls",
            includeTrailingUsage: includeUsage,
            toolCall: toolCall
        )
    }

    private func defaultReply(lastUser: String, turn: Int) -> String {
        "You said \(quote(lastUser)). This is reply \(turn) from kimichat's offline demo server; "
            + "your request carried \(DemoReplies.messages(messages.count)), so the whole conversation went along. "
            + "演示模式的回复也会逐字显示。"
    }

    private func quote(_ text: String) -> String {
        let oneLine = text.replacingOccurrences(of: "\n", with: " ")
        return "“" + (oneLine.count > 80 ? String(oneLine.prefix(80)) + "…" : oneLine) + "”"
    }
}
