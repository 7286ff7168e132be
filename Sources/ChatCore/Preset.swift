import ChatDomain

/// A named way to start a conversation (`[presets.NAME]` in config.toml): its model,
/// its settings, and whether it searches.
public struct Preset: Sendable, Equatable {
    public var name: String
    public var model: String?
    /// `preset` is set to `name`.
    public var settings: ConversationSettings
    public var webSearch: Bool?

    public init(name: String, model: String? = nil, settings: ConversationSettings = ConversationSettings(),
                webSearch: Bool? = nil) {
        self.name = name
        self.model = model
        var settings = settings
        settings.preset = name
        self.settings = settings
        self.webSearch = webSearch
    }
}
