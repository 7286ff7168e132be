import ChatDomain

/// One line of Alt-S: a setting of the open conversation.
public enum SettingsField: Sendable, Equatable, CaseIterable {
    case model, systemPrompt, thinking, reasoningEffort, temperature, topP, maxTokens, history, webSearch

    public var label: String {
        switch self {
        case .model: return "Model"
        case .systemPrompt: return "System prompt"
        case .thinking: return "Thinking"
        case .reasoningEffort: return "Reasoning effort"
        case .temperature: return "Temperature"
        case .topP: return "Top p"
        case .maxTokens: return "Max reply tokens"
        case .history: return "History"
        case .webSearch: return "Web search"
        }
    }

    /// Typed into (Enter opens a field); the others switch, cycle or open the picker.
    var isTyped: Bool {
        switch self {
        case .systemPrompt, .temperature, .topP, .maxTokens, .history: return true
        case .model, .thinking, .reasoningEffort, .webSearch: return false
        }
    }
}

/// Alt-S's overlay: which field is selected, and the one being typed into.
public struct SettingsEditor: Sendable, Equatable {
    public var selected: SettingsField = .model
    /// The field being typed into, and what is typed so far.
    public var editing: SettingsField?
    public var field = InputBuffer()
    /// Why what is typed would be refused, shown as it is typed.
    public var problem: String?
    /// Ctrl-X was pressed while typing the system prompt: Ctrl-E opens $EDITOR.
    public var awaitsChordKey = false

    public init() {}
}

/// What Alt-S shows on a field's line: its value now, and what may be set.
public struct SettingsRow: Sendable, Equatable {
    public var field: SettingsField
    public var value: String
    public var note: String
    /// The model fixes it: shown, not changed.
    public var isFixed: Bool
}

extension AppState {
    /// The rows of Alt-S for the open conversation and its model.
    public var settingsRows: [SettingsRow] {
        let model = currentModel
        let rules = SettingsRules(model)
        let chosen = conversation.settings
        return SettingsField.allCases.map { field in
            switch field {
            case .model:
                return SettingsRow(field: field, value: conversation.model, note: "Enter opens the model picker",
                                   isFixed: false)
            case .systemPrompt:
                let prompt = chosen.systemPrompt ?? settings.systemPrompt ?? ""
                let lines = prompt.split(separator: "\n", omittingEmptySubsequences: false)
                let first = lines.first.map(String.init) ?? ""
                let value = prompt.isEmpty ? "none" : first + (lines.count > 1 ? " (\(lines.count) lines)" : "")
                return SettingsRow(field: field, value: value,
                                   note: (chosen.systemPrompt == nil ? "the default" : "this conversation's")
                                       + "; Alt-Enter new line, Ctrl-X Ctrl-E $EDITOR", isFixed: false)
            case .thinking:
                switch rules.thinking {
                case .adjustable:
                    return SettingsRow(field: field, value: chosen.thinking == false ? "off" : "on",
                                       note: "Enter turns it " + (chosen.thinking == false ? "on" : "off"), isFixed: false)
                case .alwaysOn:
                    return SettingsRow(field: field, value: "always", note: "fixed: \(model.id) always thinks",
                                       isFixed: true)
                case .never:
                    return SettingsRow(field: field, value: "never", note: "fixed: \(model.id) does not think",
                                       isFixed: true)
                }
            case .reasoningEffort:
                guard rules.reasoningEffort else {
                    return SettingsRow(field: field, value: "—", note: "not for \(model.id)", isFixed: true)
                }
                let levels = model.reasoningEffortLevels ?? ReasoningEffort.allCases.map(\.rawValue)
                return SettingsRow(field: field, value: chosen.reasoningEffort?.rawValue ?? "\(levels.last ?? "max") (default)",
                                   note: levels.joined(separator: ", ") + "; Enter cycles", isFixed: false)
            case .temperature, .topP:
                let range = field == .temperature ? rules.temperature : rules.topP
                guard let range else {
                    return SettingsRow(field: field, value: "the model's", note: "fixed by \(model.id): none is sent",
                                       isFixed: true)
                }
                let value = (field == .temperature ? chosen.temperature : chosen.topP).map(SettingsRules.number)
                return SettingsRow(field: field, value: value ?? "default",
                                   note: "\(SettingsRules.number(range.lowerBound))–\(SettingsRules.number(range.upperBound))",
                                   isFixed: false)
            case .maxTokens:
                return SettingsRow(field: field, value: chosen.maxTokens.map(String.init) ?? "\(model.replyBudget) (default)",
                                   note: "\(rules.maxTokens.lowerBound)–\(rules.maxTokens.upperBound)", isFixed: false)
            case .history:
                let rounds = chosen.historyRounds ?? {
                    if case let .keepRounds(count) = settings.history { return count }
                    return 0
                }()
                let value = rounds == 0 ? "everything that fits" : "the last \(rounds) round\(rounds == 1 ? "" : "s")"
                return SettingsRow(field: field, value: value + (chosen.historyRounds == nil ? " (default)" : ""),
                                   note: "0: everything that fits; N: the last N rounds", isFixed: false)
            case .webSearch:
                let available = WebSearchAvailability(model) == .available
                return SettingsRow(field: field, value: conversation.webSearch ? "on" : "off",
                                   note: available ? "Enter turns it " + (conversation.webSearch ? "off" : "on") + " (Alt-W)"
                                       : "not with \(model.id): it always thinks", isFixed: !available)
            }
        }
    }
}
