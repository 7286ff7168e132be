import Foundation

/// How deeply kimi-k3 thinks (`reasoning_effort`, moonshot-api.md §1.1).
public enum ReasoningEffort: String, Sendable, Equatable, Codable, CaseIterable {
    case low, high, max
}

/// What one conversation asks for besides the defaults (config.toml, the flags): Alt-S
/// edits it, a preset fills it, and it is saved with the conversation. Every field left
/// nil means "the default".
public struct ConversationSettings: Sendable, Equatable, Codable {
    /// The system prompt instead of the default one; "" sends none.
    public var systemPrompt: String?
    /// Thinking on or off, for models that can turn it off (kimi-k2.6).
    public var thinking: Bool?
    /// For models that have it (kimi-k3).
    public var reasoningEffort: ReasoningEffort?
    /// Only for models whose sampling is not fixed.
    public var temperature: Double?
    public var topP: Double?
    /// `max_completion_tokens`, instead of the model's reply budget.
    public var maxTokens: Int?
    /// 0: everything that fits the context window; N: the last N rounds.
    public var historyRounds: Int?
    /// The preset the conversation started from, shown in the list and the status bar.
    public var preset: String?

    public init(systemPrompt: String? = nil, thinking: Bool? = nil, reasoningEffort: ReasoningEffort? = nil,
                temperature: Double? = nil, topP: Double? = nil, maxTokens: Int? = nil, historyRounds: Int? = nil,
                preset: String? = nil) {
        self.systemPrompt = systemPrompt
        self.thinking = thinking
        self.reasoningEffort = reasoningEffort
        self.temperature = temperature
        self.topP = topP
        self.maxTokens = maxTokens
        self.historyRounds = historyRounds
        self.preset = preset
    }

    public var isDefault: Bool { self == ConversationSettings() }

    /// As saved in the conversation's `settings` column: nil for the defaults.
    public var json: String? {
        guard !isDefault, let data = try? JSONEncoder().encode(self) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    /// Lenient: a column that does not read (edited by hand, a newer release) is the defaults.
    public static func decode(_ json: String?) -> ConversationSettings {
        guard let json else { return ConversationSettings() }
        return (try? JSONDecoder().decode(ConversationSettings.self, from: Data(json.utf8))) ?? ConversationSettings()
    }

    /// What differs from the defaults, in a few characters each, for the status bar:
    /// `no-think · t0.3 · last 5`. Only what the model takes is named.
    public func tags(for model: ModelInfo) -> [String] {
        var tags: [String] = []
        if let preset { tags.append(preset) }
        let rules = SettingsRules(model)
        if rules.thinking == .adjustable, let thinking { tags.append(thinking ? "think" : "no-think") }
        if rules.reasoningEffort, let reasoningEffort { tags.append("effort \(reasoningEffort.rawValue)") }
        if rules.temperature != nil, let temperature { tags.append("t" + SettingsRules.number(temperature)) }
        if rules.topP != nil, let topP { tags.append("p" + SettingsRules.number(topP)) }
        if let maxTokens { tags.append("max \(maxTokens)") }
        if let historyRounds { tags.append(historyRounds == 0 ? "all history" : "last \(historyRounds)") }
        if systemPrompt != nil { tags.append("system prompt") }
        return tags
    }
}
