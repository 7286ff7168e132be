/// Whether a model can search the web with Kimi's `$web_search`: only with thinking
/// off, which models that always think cannot do (moonshot-api.md §5.6, §9.7).
public enum WebSearchAvailability: Sendable, Equatable {
    case available
    case alwaysThinks

    public init(_ model: ModelInfo) {
        self = model.thinking == .always ? .alwaysThinks : .available
    }

    /// Why search is off for `model`, in words for the status bar.
    public static func unavailableReason(_ model: ModelInfo) -> String {
        "\(model.id) always thinks, and Kimi's web search works only with thinking off: choose a model that "
            + "can turn thinking off (Ctrl-T)"
    }
}
