import ChatDomain

/// Fuzzy matching for the model picker: the query's characters must appear in the
/// model id in order (a subsequence, ignoring case); runs of consecutive characters and
/// characters at the start of a part of the id ("k" of "-k2") score higher.
public enum ModelMatch {
    /// The models matching `query`, best first; all of them, in order, for an empty query.
    public static func rank(_ query: String, _ models: [ModelInfo]) -> [ModelInfo] {
        let needle = Array(query.lowercased().filter { !$0.isWhitespace })
        guard !needle.isEmpty else { return models }
        let scored = models.enumerated().compactMap { index, model in
            score(needle, Array(model.id.lowercased())).map { (model: model, score: $0, index: index) }
        }
        return scored.sorted { ($0.score, -$0.index) > ($1.score, -$1.index) }.map(\.model)
    }

    /// The best alignment's score, or nil when `needle` is not a subsequence of `hay`.
    static func score(_ needle: [Character], _ hay: [Character]) -> Int? {
        guard needle.count <= hay.count else { return nil }
        let impossible = Int.min / 2
        // best[j]: the best score with the current needle character matched at hay[j].
        var previous = [Int](repeating: impossible, count: hay.count)
        for (i, character) in needle.enumerated() {
            var current = [Int](repeating: impossible, count: hay.count)
            // The best previous match before j-1, less one per character skipped.
            var carried = impossible
            for j in hay.indices {
                if j >= 2, previous[j - 2] > impossible { carried = max(carried - 1, previous[j - 2] - 1) }
                else if carried > impossible { carried -= 1 }
                guard hay[j] == character else { continue }
                let startsPart = j == 0 || !hay[j - 1].isLetter && !hay[j - 1].isNumber
                    || hay[j - 1].isLetter != hay[j].isLetter
                var value = 10 + (startsPart ? 8 : 0)
                if i == 0 {
                    current[j] = value - j / 4
                } else {
                    let consecutive = j > 0 && previous[j - 1] > impossible ? previous[j - 1] + 12 : impossible
                    let best = max(consecutive, carried)
                    guard best > impossible else { continue }
                    value += best
                    current[j] = value
                }
            }
            previous = current
        }
        let best = previous.max() ?? impossible
        // Shorter ids win ties: "k2.6" matches kimi-k2.6 better than a longer variant.
        return best > impossible ? best - hay.count / 8 : nil
    }
}
