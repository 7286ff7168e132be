/// A model the mock offers, with the facts GET /v1/models reports.
public struct MockModel: Sendable {
    public var id: String
    public var contextLength: Int
    public var thinks: ThinkingMode
    public var imageInput: Bool
    /// Refuses any temperature but its own (1), as current Kimi models do.
    public var fixedSampling: Bool
    /// Takes `reasoning_effort` (kimi-k3 only).
    public var reasoningEffort: Bool { id == "kimi-k3" }

    public enum ThinkingMode: Sendable {
        case never
        /// Thinks unless the request sends `thinking: {type: disabled}`.
        case byDefault
        case always
    }

    /// The line-up of moonshot-api.md §6 as of late 2026.
    public static let catalogue: [MockModel] = [
        MockModel(id: "kimi-k3", contextLength: 1_048_576, thinks: .always, imageInput: true, fixedSampling: true),
        MockModel(id: "kimi-k2.7-code", contextLength: 262_144, thinks: .always, imageInput: false, fixedSampling: true),
        MockModel(id: "kimi-k2.6", contextLength: 262_144, thinks: .byDefault, imageInput: true, fixedSampling: true),
        MockModel(id: "kimi-k2.5", contextLength: 262_144, thinks: .byDefault, imageInput: true, fixedSampling: true),
        MockModel(id: "moonshot-v1-8k", contextLength: 8_192, thinks: .never, imageInput: false, fixedSampling: false),
        MockModel(id: "moonshot-v1-32k", contextLength: 32_768, thinks: .never, imageInput: false, fixedSampling: false),
        MockModel(id: "moonshot-v1-128k", contextLength: 131_072, thinks: .never, imageInput: false, fixedSampling: false),
    ]
}
