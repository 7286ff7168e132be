import ChatCore
import ChatDomain
import ChatViews
import Foundation
import Persistence
import ScreenKit

/// F3 in the 100,000-message conversation, opened as the chat opens it: each keystroke
/// of each query, from the store's find to the frame that shows the count and the hit
/// (the find runs on the storage queue, so typing never waits for it; this is how soon
/// its answer is on screen). Reading the branch once, when F3 opens, is its own row.
extension ScaleBenchmark {
    func finding(_ store: ConversationStore, _ id: ConversationID) throws -> [Row] {
        guard let saved = try store.load(id, newest: AppState.openingWindow), let leaf = saved.tree.currentLeaf else {
            throw BenchError.failed("the long conversation has no messages")
        }
        var opening = Measurement()
        for _ in 0..<max(3, runs / 4) {
            store.forgetBranches()
            opening.run { _ = try? store.find("", in: id, branchEndingAt: leaf) }
        }
        var rows = [Row(scenario: "find (F3) opened: the branch read, while the first letter is typed",
                        target: "≤ \(Int(size.filterTarget)) ms",
                        measured: String(format: "median %.1f ms", Measurement.percentile(opening.wall, 0.5)),
                        passed: Measurement.percentile(opening.wall, 0.5) <= size.filterTarget)]
        let renderer = ScreenRenderer(theme: .dark, cache: TranscriptLayoutCache())
        for query in Self.queries {
            var timing = Measurement()
            var searching = Measurement()
            var hits = 0
            for _ in 0..<runs {
                var state = AppState(settings: ChatSettings(model: "kimi-k2.6", hasAPIKey: true), reopening: saved)
                _ = reduce(&state, .keyPressed(.function(3)))
                for character in query {
                    var search = 0
                    for case let .findInConversation(number, _, _, _) in reduce(&state, .textEntered(String(character))) {
                        search = number
                    }
                    let typed = state.find?.field.text ?? ""
                    timing.run {
                        guard let found = try? store.find(typed, in: id, branchEndingAt: leaf) else { return }
                        hits = found.hits.count
                        _ = reduce(&state, .foundInConversation(search: search, found))
                        _ = renderer.render(state, width: 120, height: 40)
                    }
                    searching.run { _ = try? store.find(typed, in: id, branchEndingAt: leaf) }
                }
            }
            let p95 = Measurement.percentile(timing.wall, 0.95)
            rows.append(Row(scenario: "find in it, each keystroke of “\(query)” (\(hits.formatted()) hits)",
                            target: "p95 ≤ \(Int(size.filterTarget)) ms",
                            measured: String(format: "median %.1f ms, p95 %.1f ms (find %.1f ms)",
                                             Measurement.percentile(timing.wall, 0.5), p95,
                                             Measurement.percentile(searching.wall, 0.5)),
                            passed: p95 <= size.filterTarget))
        }
        return rows
    }
}
