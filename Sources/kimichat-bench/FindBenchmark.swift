import ChatCore
import ChatDomain
import ChatViews
import Foundation
import Persistence
import ScreenKit

/// F3 in the 100,000-message conversation, opened as the chat opens it: each keystroke
/// of each query, from the store's first answer (the hit nearest the view) to the frame
/// that shows it marked; then the count of every hit, to its frame. Both run on the
/// storage queue, so typing never waits for them; this is how soon each is on screen.
/// Reading the branch once, when F3 opens, is its own row.
extension ScaleBenchmark {
    func finding(_ store: ConversationStore, _ id: ConversationID) throws -> [Row] {
        guard let saved = try store.load(id, newest: AppState.openingWindow), let leaf = saved.tree.currentLeaf else {
            throw BenchError.failed("the long conversation has no messages")
        }
        var opening = Measurement()
        for _ in 0..<max(3, runs / 4) {
            store.forgetBranches()
            opening.run { _ = try? store.find("", in: id, branchEndingAt: leaf, scope: .all) }
        }
        var rows = [Row(scenario: "find (F3) opened: the branch read, while the first letter is typed",
                        target: "≤ \(Int(size.filterTarget)) ms",
                        measured: String(format: "median %.1f ms", Measurement.percentile(opening.wall, 0.5)),
                        passed: Measurement.percentile(opening.wall, 0.5) <= size.filterTarget)]
        let renderer = ScreenRenderer(theme: .dark, cache: TranscriptLayoutCache())
        for query in Self.queries {
            var firstScreen = Measurement()
            var counted = Measurement()
            var hits = 0
            for _ in 0..<runs {
                var state = AppState(settings: ChatSettings(model: "kimi-k2.6", hasAPIKey: true), reopening: saved)
                _ = reduce(&state, .keyPressed(.function(3)))
                for character in query {
                    var asked: (search: Int, from: StoredMessageID?)?
                    for case let .findInConversation(number, _, _, _, from) in reduce(&state, .textEntered(String(character))) {
                        asked = (number, from)
                    }
                    guard let asked else { throw BenchError.failed("F3 asked the store nothing") }
                    let typed = state.find?.field.text ?? ""
                    // As the storage queue answers: the hit to show, then the count.
                    firstScreen.run {
                        guard let found = try? store.find(typed, in: id, branchEndingAt: leaf, scope: .nearest(from: asked.from))
                        else { return }
                        _ = reduce(&state, .foundInConversation(search: asked.search, found))
                        _ = renderer.render(state, width: 120, height: 40)
                    }
                    counted.run {
                        guard let found = try? store.find(typed, in: id, branchEndingAt: leaf, scope: .all) else { return }
                        hits = found.hits.count
                        _ = reduce(&state, .foundInConversation(search: asked.search, found))
                        _ = renderer.render(state, width: 120, height: 40)
                    }
                }
            }
            let p95 = Measurement.percentile(firstScreen.wall, 0.95)
            rows.append(Row(scenario: "find in it, each keystroke of “\(query)” (\(hits.formatted()) hits)",
                            target: "p95 ≤ \(Int(size.filterTarget)) ms",
                            measured: String(format: "median %.1f ms, p95 %.1f ms; all counted in %.1f ms (p95 %.1f)",
                                             Measurement.percentile(firstScreen.wall, 0.5), p95,
                                             Measurement.percentile(counted.wall, 0.5),
                                             Measurement.percentile(counted.wall, 0.95)),
                            passed: p95 <= size.filterTarget))
        }
        return rows
    }
}
