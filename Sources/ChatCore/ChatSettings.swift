/// Which earlier messages go along with a request.
public enum HistoryPolicy: Sendable, Equatable {
    /// Everything that fits the model's context window with room for the reply; the
    /// oldest rounds are left out first.
    case fitContextWindow
    /// Only the last N rounds (a round: a question and its reply), and only what fits.
    case keepRounds(Int)
}

/// What the user chose at start (options, environment, config file).
public struct ChatSettings: Sendable, Equatable {
    /// The model new conversations start with.
    public var model: String
    public var systemPrompt: String?
    public var hasAPIKey: Bool
    public var isDemo: Bool
    public var history: HistoryPolicy
    /// `--model` was given: the conversation reopened at start uses it, not its own.
    public var modelIsExplicit: Bool
    /// Shown in the transcript at start (a config file others can read, and the like).
    public var warnings: [String]
    /// The database's path when this user cannot write it: the conversations can be
    /// browsed, but nothing can be sent (a reply could not be saved).
    public var readOnlyDatabase: String?
    /// `[presets.NAME]` of config.toml: Ctrl-N offers them.
    public var presets: [Preset] = []
    /// `--preset NAME`: the conversation at start is a new one from it.
    public var startPreset: Preset?
    /// The chat's keys, with `[keys]` of config.toml applied.
    public var keys = ChatKeyTable.standard
    /// `--system` was given: it beats a conversation's own system prompt.
    public var systemPromptIsExplicit = false
    /// The overlays' keys, with `[keys.CONTEXT]` of config.toml applied.
    public var overlayKeys = OverlayKeyTables.standard

    public init(model: String, systemPrompt: String? = nil, hasAPIKey: Bool, isDemo: Bool = false,
                history: HistoryPolicy = .fitContextWindow, modelIsExplicit: Bool = false, warnings: [String] = [],
                readOnlyDatabase: String? = nil, presets: [Preset] = [], startPreset: Preset? = nil,
                keys: ChatKeyTable = .standard) {
        self.keys = keys
        self.presets = presets
        self.startPreset = startPreset
        self.warnings = warnings
        self.readOnlyDatabase = readOnlyDatabase
        self.model = model
        self.systemPrompt = systemPrompt
        self.hasAPIKey = hasAPIKey
        self.isDemo = isDemo
        self.history = history
        self.modelIsExplicit = modelIsExplicit
    }

    /// Why sending is off, when it is.
    public var sendingOffReason: String? {
        readOnlyDatabase.map { path in
            "Sending is off: the conversation database \(path) cannot be written (permission denied). "
                + "You can read and search the conversations; to chat, fix its permissions or use another file with --db."
        }
    }
}
