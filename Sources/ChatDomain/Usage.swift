/// Token counts the API reports for one reply.
public struct Usage: Sendable, Equatable, Codable {
    public var promptTokens: Int
    public var completionTokens: Int
    public var totalTokens: Int
    /// Prompt tokens served from Moonshot's prefix cache, when reported.
    public var cachedTokens: Int?
    public var reasoningTokens: Int?

    public init(promptTokens: Int, completionTokens: Int, totalTokens: Int,
                cachedTokens: Int? = nil, reasoningTokens: Int? = nil) {
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
        self.totalTokens = totalTokens
        self.cachedTokens = cachedTokens
        self.reasoningTokens = reasoningTokens
    }
}

extension Usage {
    /// Two requests' usage as one: a reply continued with Ctrl-X C cost both.
    public func adding(_ other: Usage) -> Usage {
        func sum(_ first: Int?, _ second: Int?) -> Int? {
            first == nil && second == nil ? nil : (first ?? 0) + (second ?? 0)
        }
        return Usage(promptTokens: promptTokens + other.promptTokens,
                     completionTokens: completionTokens + other.completionTokens,
                     totalTokens: totalTokens + other.totalTokens,
                     cachedTokens: sum(cachedTokens, other.cachedTokens),
                     reasoningTokens: sum(reasoningTokens, other.reasoningTokens))
    }
}
