/// The models to choose from: what the endpoint offers, completed by the catalogue.
public enum ModelLineup {
    /// The endpoint's models, in its order, each with the catalogue's facts where it
    /// has them (the endpoint's window and abilities win when it states them), then
    /// the catalogue's other models, not offered. With no endpoint list (offline, or
    /// before the first fetch), the catalogue alone.
    public static func merge(endpoint: [EndpointModel]?, catalogue: [ModelInfo]) -> [ModelInfo] {
        guard let endpoint else { return catalogue }
        var merged: [ModelInfo] = []
        var seen = Set<String>()
        for offered in endpoint where !seen.contains(offered.id) {
            seen.insert(offered.id)
            let known = catalogue.first { $0.id == offered.id }
            var model = known ?? ModelInfo.assumed(id: offered.id)
            if let context = offered.contextLength, context > 0 { model.contextLength = context }
            if let image = offered.supportsImageIn { model.vision = image }
            if known == nil {
                if let reasoning = offered.supportsReasoning { model.thinking = reasoning ? .byDefault : .never }
                model.description = "Offered by the endpoint; not in kimichat's catalogue"
                model.replyBudget = ModelInfo.budget(thinking: model.thinking, contextLength: model.contextLength,
                                                     suggested: 4_096)
            } else {
                model.replyBudget = min(model.replyBudget, max(256, model.contextLength / 4))
            }
            model.isOffered = true
            merged.append(model)
        }
        merged += catalogue.filter { !seen.contains($0.id) }
        return merged
    }

    /// The facts for `id`: from `models`, else assumed.
    public static func info(for id: String, in models: [ModelInfo]) -> ModelInfo {
        models.first { $0.id == id } ?? ModelInfo.assumed(id: id)
    }
}

/// The bundled catalogue's file format (`Resources/models.json`).
public enum ModelCatalogueFile {
    private struct File: Decodable {
        var models: [Entry]
    }

    private struct Entry: Decodable {
        var id: String
        var context_length: Int
        var thinking: ThinkingMode
        var vision: Bool
        var reply_budget: Int
        var fixed_sampling: Bool
        var temperature_range: [Double]?
        var reasoning_effort: [String]?
        var description: String
    }

    public static func decode(_ data: some Sequence<UInt8>) throws -> [ModelInfo] {
        let file = try JSONDecoding.decode(File.self, from: Array(data))
        return file.models.map { entry in
            let range = entry.temperature_range.flatMap { $0.count == 2 && $0[0] <= $0[1] ? $0[0]...$0[1] : nil }
            var model = ModelInfo(id: entry.id, contextLength: entry.context_length, thinking: entry.thinking,
                                  vision: entry.vision, replyBudget: entry.reply_budget,
                                  fixedSampling: entry.fixed_sampling, temperatureRange: range,
                                  description: entry.description)
            model.reasoningEffortLevels = entry.reasoning_effort
            return model
        }
    }
}
