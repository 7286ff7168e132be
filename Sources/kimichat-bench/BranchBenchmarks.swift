import ChatCore
import ChatDomain
import ChatViews
import Foundation
import ScreenKit

/// Issue 15: a conversation with many branches, opened and flipped as the chat does
/// it (tree → transcript → first frame), and its outline opened. The database is not
/// in it: reading the rows is measured with the other storage scenarios.
enum BranchBenchmarks {
    /// `questions` questions in a row; every third reply regenerated twice (three
    /// versions), every tenth question edited once, its new version answered and
    /// followed up: a tree of many small forks along one long branch.
    static func conversation(questions: Int) -> SavedConversation {
        var data = SeedData(seed: 15)
        var messages: [StoredMessage] = []
        var nextID: StoredMessageID = 1
        func add(_ role: Role, under parent: StoredMessageID?, words: Int) -> StoredMessageID {
            defer { nextID += 1 }
            messages.append(StoredMessage(id: nextID, parentID: parent, role: role, text: data.sentence(words: words),
                                          model: role == .assistant ? "kimi-k2.6" : nil,
                                          createdAt: Date(timeIntervalSince1970: 1_790_000_000 + Double(nextID))))
            return nextID
        }
        var leaf: StoredMessageID?
        for index in 0..<questions {
            if index % 10 == 9, let above = leaf {
                // An edited question beside the one that follows: answered, and followed up once.
                let edited = add(.user, under: above, words: 12)
                let answer = add(.assistant, under: edited, words: 60)
                _ = add(.assistant, under: add(.user, under: answer, words: 10), words: 40)
            }
            let question = add(.user, under: leaf, words: 12)
            var reply = add(.assistant, under: question, words: 60)
            if index % 3 == 0 {
                for _ in 0..<2 { reply = add(.assistant, under: question, words: 60) }
            }
            leaf = reply
        }
        let now = Date(timeIntervalSince1970: 1_790_000_000 + Double(nextID))
        let summary = ConversationSummary(id: 1, title: "Branches", model: "kimi-k2.6", createdAt: now, updatedAt: now,
                                          messageCount: messages.count)
        return SavedConversation(summary: summary, tree: MessageTree(messages: messages, currentLeaf: leaf))
    }

    static func run(questions: Int, runs: Int) {
        let saved = conversation(questions: questions)
        let width = 120, height = 40
        let settings = ChatSettings(model: "kimi-k2.6", hasAPIKey: true)
        var opening = Measurement()
        var flipping = Measurement()
        var outlining = Measurement()
        for _ in 0..<runs {
            let renderer = ScreenRenderer(theme: .dark, cache: TranscriptLayoutCache())
            var state = opening.run {
                let state = AppState(settings: settings, reopening: saved)
                _ = renderer.render(state, width: width, height: height)
                return state
            }
            // The last reply has three versions: each flip shows another, as the user sees it.
            for key in [Key.altLeft, .altLeft, .altRight] {
                flipping.run {
                    _ = reduce(&state, .keyPressed(key))
                    _ = renderer.render(state, width: width, height: height)
                }
            }
            outlining.run {
                _ = reduce(&state, .keyPressed(.ctrl("x")))
                _ = reduce(&state, .keyPressed(.character("t")))
                _ = renderer.render(state, width: width, height: height)
            }
        }
        let branches = saved.tree.branchCount
        print("branches: \(saved.tree.count) messages, \(branches) branches, \(saved.messages.count) shown")
        print("  open to the first frame:                     \(opening.summary)")
        print("  flip a version (Alt-Left/Right) and draw:    \(flipping.summary)")
        print("  open the outline (Ctrl-X T) and draw:        \(outlining.summary)")
    }
}
