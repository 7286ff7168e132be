import ChatDomain

/// How a conversation becomes a request: which earlier messages go (the history
/// window), the system prompt, whether reasoning goes back, and the request under the
/// model's rules. The chat screen and `kimichat ask` both ask it, so the same
/// conversation sends the same request from either.
public struct RequestPipeline: Sendable, Equatable {
    /// Sent first, when set and not empty.
    public var systemPrompt: String?
    public var history: HistoryPolicy
    /// Sent as `prompt_cache_key` with every request of the conversation.
    public var cacheKey: String?
    /// The conversation's own settings (Alt-S, a preset), over the defaults above.
    public var overrides = ConversationSettings()

    public init(systemPrompt: String?, history: HistoryPolicy) {
        self.systemPrompt = systemPrompt
        self.history = history
    }

    public init(_ settings: ChatSettings) {
        self.init(systemPrompt: settings.systemPrompt, history: settings.history)
    }

    /// The request for `question` (its text and attachments), asked after `earlier` (the
    /// conversation so far, oldest first). `searches` are the web searches this reply
    /// has made so far; `webSearch` declares Kimi's `$web_search` where the model can use
    /// it. `roundsAtMost` narrows the history policy (after a context overflow).
    /// `continuing` is a reply so far, sent last for the model to go on with (Partial Mode).
    public func request(for question: String, attachments: [Attachment] = [], searches: [SearchRound] = [],
                        after earlier: some Sequence<TranscriptMessage>, model: ModelInfo, estimate: TokenEstimate,
                        roundsAtMost: Int? = nil, webSearch: Bool = false, continuing: String? = nil) -> PlannedRequest {
        let prompt = overrides.systemPrompt ?? systemPrompt
        let system = prompt.flatMap { $0.isEmpty ? nil : ChatTurn(role: .system, content: $0) }
        var model = model
        if let maxTokens = overrides.maxTokens {
            let range = SettingsRules(model).maxTokens
            model.replyBudget = min(max(maxTokens, range.lowerBound), range.upperBound)
        }
        let searching = webSearch && WebSearchAvailability(model) == .available
        // Kimi's search does not work while the model thinks (moonshot-api.md §9.1).
        let thinkingOff = model.thinking == .byDefault && (searching || overrides.thinking == false)
        let thinks = model.thinking == .always || (model.thinking == .byDefault && !thinkingOff)
        var asked = Self.questionTurns(question, attachments: attachments) + searches.flatMap(\.turns)
        if let continuing {
            var partial = ChatTurn(role: .assistant, content: continuing)
            partial.partial = true
            asked.append(partial)
        }
        // A thinking request refuses assistant tool calls without their reasoning (§9.7),
        // and searches ran with thinking off: earlier replies then go as their answers alone.
        let earlierTurns = Self.turns(of: earlier, withSearches: !thinks)
        let window = HistoryWindow.choose(system: system,
                                          earlier: RequestRules.turnsAsSent(earlierTurns, to: model),
                                          question: RequestRules.turnsAsSent(asked, to: model), model: model,
                                          policy: policy(roundsAtMost: roundsAtMost), estimate: estimate)
        var chosen = ChatRequest(model: model.id, turns: window.turns, temperature: overrides.temperature)
        chosen.topP = overrides.topP
        chosen.reasoningEffort = overrides.reasoningEffort
        chosen.thinkingDisabled = thinkingOff
        chosen.webSearch = searching
        chosen.promptCacheKey = cacheKey
        let request = RequestRules.apply(model, to: chosen)
        return PlannedRequest(request: request, omitted: window.omitted, estimatedRaw: window.estimatedRaw,
                              roundsSent: window.turns.filter { $0.role == .user }.count - 1)
    }

    private func policy(roundsAtMost: Int?) -> HistoryPolicy {
        var history = history
        if let rounds = overrides.historyRounds { history = rounds == 0 ? .fitContextWindow : .keepRounds(rounds) }
        guard let roundsAtMost else { return history }
        if case let .keepRounds(kept) = history { return .keepRounds(min(kept, roundsAtMost)) }
        return .keepRounds(roundsAtMost)
    }

    /// A question as it is sent: each document's text as a system message before it, as
    /// Moonshot documents (moonshot-api.md §9.3), and its images in its content.
    static func questionTurns(_ text: String, attachments: [Attachment]) -> [ChatTurn] {
        var turns: [ChatTurn] = []
        var question = ChatTurn(role: .user, content: text)
        for attachment in attachments {
            switch attachment.content {
            case let .document(document):
                turns.append(ChatTurn(role: .system, content: "[file: \(attachment.name)]\n\(document.text)"))
            case let .image(image):
                question.images.append(TurnImage(name: attachment.name, image: image))
            }
        }
        return turns + [question]
    }

    /// Every question and finished reply of `messages` that can be sent, oldest first
    /// (`HistoryWindow` keeps only the newest answer to a question answered twice); a
    /// reply's searches go before it `withSearches`.
    static func turns(of messages: some Sequence<TranscriptMessage>, withSearches: Bool = true) -> [ChatTurn] {
        var turns: [ChatTurn] = []
        for message in messages where message.isSentAsHistory {
            switch message.kind {
            case .user:
                // Most questions have no files: no array of their own to add.
                if message.attachments.isEmpty {
                    turns.append(ChatTurn(role: .user, content: message.text))
                } else {
                    turns += questionTurns(message.text, attachments: message.attachments)
                }
            case .assistant:
                if withSearches { turns += message.searches.flatMap(\.turns) }
                turns.append(ChatTurn(role: .assistant, content: message.text,
                                      reasoning: message.reasoning.isEmpty ? nil : message.reasoning))
            case .notice, .error:
                break
            }
        }
        return turns
    }

    /// The cache key of conversation `id`: prefixed, as other programs may send keys too.
    public static func cacheKey(conversation id: ConversationID?) -> String? {
        id.map { "kimichat-\($0)" }
    }

    /// A saved conversation's messages as the chat screen shows them after opening it:
    /// what `ask --continue` sends its history from.
    public static func transcript(of saved: [StoredMessage]) -> [TranscriptMessage] {
        saved.enumerated().compactMap { index, stored in TranscriptMessage(loaded: stored, id: index + 1) }
    }
}

/// A request ready to go, and what choosing its history found.
public struct PlannedRequest: Sendable, Equatable {
    public var request: ChatRequest
    /// Earlier messages left out.
    public var omitted: Int
    /// The estimate for the turns sent, before calibration.
    public var estimatedRaw: Double
    /// Earlier rounds (a question and its answer) sent.
    public var roundsSent: Int
}

extension TranscriptMessage {
    /// A saved message as a transcript entry; nil for what the transcript does not show
    /// (system prompts, replies with nothing in them).
    init?(loaded stored: StoredMessage, id: Int) {
        let kind: MessageKind
        switch stored.role {
        case .user: kind = .user
        case .assistant: kind = .assistant
        case .system, .tool: return nil
        }
        guard kind == .user || !stored.text.isEmpty || !stored.reasoning.isEmpty else { return nil }
        // A reply still "streaming" here belongs to no running request of ours: the
        // sweep, or another kimichat, will settle it.
        self.init(id: id, kind: kind, text: stored.text,
                  status: stored.status == .error || stored.status == .streaming ? .interrupted : stored.status,
                  model: stored.model, storedID: stored.id)
        reasoning = stored.reasoning
        usage = stored.usage
        finishReason = stored.finishReason
        createdAt = stored.createdAt
        attachments = stored.attachments
        searches = stored.searches
        thinkingTicks = stored.thinkingMilliseconds.map { Int((Double($0) / 1000 / AppState.tickSeconds).rounded()) }
    }
}

extension AppState {
    /// How the open conversation's requests are made.
    var requestPipeline: RequestPipeline {
        var pipeline = RequestPipeline(settings)
        pipeline.cacheKey = RequestPipeline.cacheKey(conversation: conversation.id)
        pipeline.overrides = conversation.settings
        if settings.systemPromptIsExplicit { pipeline.overrides.systemPrompt = nil }
        return pipeline
    }
}
