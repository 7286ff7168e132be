/// Per-model request rules (moonshot-api.md §1.2, §8.1), so that no request fails for
/// a parameter the model refuses.
public enum RequestRules {
    /// `request` made acceptable to `model`:
    /// - the reply budget is the model's (`max_completion_tokens`);
    /// - models with fixed sampling get no temperature; others get it clamped to their range;
    /// - reasoning goes back on assistant turns only to models that think (required by
    ///   some, harmless for the rest); a model that never thinks is spared the tokens.
    public static func apply(_ model: ModelInfo, to request: ChatRequest) -> ChatRequest {
        var adjusted = request
        adjusted.maxCompletionTokens = model.replyBudget
        let rules = SettingsRules(model)
        adjusted.temperature = zip(request.temperature, rules.temperature).map { min(max($0, $1.lowerBound), $1.upperBound) }
        adjusted.topP = zip(request.topP, rules.topP).map { min(max($0, $1.lowerBound), $1.upperBound) }
        if !rules.reasoningEffort { adjusted.reasoningEffort = nil }
        if rules.thinking != .adjustable { adjusted.thinkingDisabled = false }
        adjusted.turns = turnsAsSent(adjusted.turns, to: model)
        return adjusted
    }

    /// The turns as they go to `model`: without reasoning for a model that never thinks,
    /// without images for one that does not see (a question of images alone names them,
    /// so it is not empty). History is measured on these, so the estimate counts what is sent.
    public static func turnsAsSent(_ turns: [ChatTurn], to model: ModelInfo) -> [ChatTurn] {
        guard model.thinking == .never || !model.vision else { return turns }
        return turns.map { turn in
            var turn = turn
            if model.thinking == .never { turn.reasoning = nil }
            if !model.vision, !turn.images.isEmpty {
                if turn.content.isEmpty { turn.content = turn.images.map { "[image: \($0.name)]" }.joined(separator: " ") }
                turn.images = []
            }
            return turn
        }
    }
}

/// Both, or nil.
private func zip<A, B>(_ first: A?, _ second: B?) -> (A, B)? {
    guard let first, let second else { return nil }
    return (first, second)
}
