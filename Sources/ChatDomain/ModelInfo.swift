import Foundation

/// Whether a model thinks (streams `reasoning_content` before its answer).
public enum ThinkingMode: String, Sendable, Codable, Equatable {
    case never
    /// Thinks unless the request turns thinking off.
    case byDefault = "default"
    case always
}

/// What kimichat knows about one model: from the bundled catalogue, the endpoint's
/// GET /v1/models, or both.
public struct ModelInfo: Sendable, Equatable, Codable, Identifiable {
    public var id: String
    /// Input plus output tokens.
    public var contextLength: Int
    public var thinking: ThinkingMode
    public var vision: Bool
    /// The `max_completion_tokens` sent, and kept free when history is trimmed.
    public var replyBudget: Int
    /// The model refuses sampling parameters other than its own: none are sent.
    public var fixedSampling: Bool
    /// What temperature may be sent when sampling is not fixed.
    public var temperatureRange: ClosedRange<Double>?
    public var description: String
    /// The endpoint offers it (GET /v1/models listed it).
    public var isOffered: Bool
    /// Takes `reasoning_effort` (kimi-k3). Optional in the coding: cached lineups from
    /// before it read as false.
    public var reasoningEffort: Bool { reasoningEffortLevels != nil }
    public var reasoningEffortLevels: [String]?

    public init(id: String, contextLength: Int, thinking: ThinkingMode, vision: Bool, replyBudget: Int,
                fixedSampling: Bool, temperatureRange: ClosedRange<Double>? = nil, description: String,
                isOffered: Bool = false) {
        self.id = id
        self.contextLength = contextLength
        self.thinking = thinking
        self.vision = vision
        self.replyBudget = replyBudget
        self.fixedSampling = fixedSampling
        self.temperatureRange = temperatureRange
        self.description = description
        self.isOffered = isOffered
    }

    /// What kimichat assumes about a model it has no facts for: a cautious window, no
    /// sampling parameters (the safe rule of moonshot-api.md §1.2), and that it may
    /// think — so reasoning goes back to it (§8.1) and its budget leaves room for it.
    public static func assumed(id: String) -> ModelInfo {
        ModelInfo(id: id, contextLength: 32_768, thinking: .byDefault, vision: false, replyBudget: 8_192,
                  fixedSampling: true, description: "Not in kimichat's catalogue")
    }

    /// A reply budget thinking can live with (§8.1 recommends 16,000 or more), within the window.
    static func budget(thinking: ThinkingMode, contextLength: Int, suggested: Int) -> Int {
        let floor = thinking == .never ? suggested : max(suggested, 16_384)
        return max(256, min(floor, contextLength / 4))
    }
}

/// One entry of GET /v1/models.
public struct EndpointModel: Sendable, Equatable, Codable {
    public var id: String
    public var contextLength: Int?
    public var supportsReasoning: Bool?
    public var supportsImageIn: Bool?

    public init(id: String, contextLength: Int? = nil, supportsReasoning: Bool? = nil, supportsImageIn: Bool? = nil) {
        self.id = id
        self.contextLength = contextLength
        self.supportsReasoning = supportsReasoning
        self.supportsImageIn = supportsImageIn
    }
}
