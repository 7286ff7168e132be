/// What the user chose at start: fixed for the session in this version.
public struct ChatSettings: Sendable, Equatable {
    public var model: String
    public var systemPrompt: String?
    public var hasAPIKey: Bool
    public var isDemo: Bool

    public init(model: String, systemPrompt: String? = nil, hasAPIKey: Bool, isDemo: Bool = false) {
        self.model = model
        self.systemPrompt = systemPrompt
        self.hasAPIKey = hasAPIKey
        self.isDemo = isDemo
    }
}
