import ChatDomain
import Foundation
import Persistence
import Testing
import TestSupport

/// `kimichat show --tree` on a database whose conversation has branches: a reply
/// regenerated, a question edited, the first question asked again.
@Suite("kimichat show --tree")
struct ShowTreeTests {
    let home: KimichatHome

    init() throws {
        home = try KimichatHome()
    }

    /// q1 → a2 → q3 → a4, a4 regenerated as a5; q3 edited as q6 → a7; q1 asked again as
    /// q8 → a9. The branch shown: q1 a2 q3 a5.
    private func seed() throws -> ConversationID {
        let store = try ConversationStore(path: home.databasePath)
        let id = try store.createConversation(title: "Sums", model: "kimi-k2.6").id
        func save(_ role: Role, _ text: String, _ placement: MessagePlacement = .automatic) throws -> StoredMessageID {
            try store.save(StoredMessage(role: role, text: text, model: role == .assistant ? "kimi-k2.6" : nil),
                           in: id, placement: placement)
        }
        _ = try save(.user, "What is 1+1?")
        let two = try save(.assistant, "Two.")
        _ = try save(.user, "And 2+2?")
        _ = try save(.assistant, "Four.")
        let regenerated = try save(.assistant, "It is four.")
        _ = try save(.user, "And 3+3? 三加三\nshow your work", .under(two))
        _ = try save(.assistant, "Six.")
        _ = try save(.user, "What is 1+2?", .root)
        _ = try save(.assistant, "Three.")
        try store.selectBranch(id, leaf: regenerated)
        return id
    }

    @Test("show --tree prints every branch's questions, indented by fork, the current branch marked")
    func outline() async throws {
        let id = try seed()
        let result = try await home.run(["show", String(id), "--tree"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(Array(lines.prefix(3)) == ["Sums", lines[1], "4 questions on 4 branches · ● the current branch"])
        #expect(lines[1].hasPrefix("conversation \(id) · kimi-k2.6 · 9 messages · updated "))
        // Each row: the mark, the time, then the question after the tree's lines.
        let rows = lines.dropFirst(4).filter { !$0.isEmpty }
        let time = #/^[● ] \d{4}-\d\d-\d\d \d\d:\d\d  /#
        #expect(rows.allSatisfy { $0.contains(time) }, "\(rows)")
        #expect(rows.map { String($0.prefix(1)) + $0.replacing(time, with: "") } == [
            "●├ What is 1+1?",
            "●│ ├ And 2+2?  (2 replies)",
            " │ └ And 3+3? 三加三",
            " └ What is 1+2?",
        ])

        // Without --tree: the current branch, the regenerated reply in it.
        let shown = try await home.run(["show", String(id)])
        #expect(shown.stdout.contains("  It is four.\n"))
        #expect(!shown.stdout.contains("Four.\n") && !shown.stdout.contains("Six.") && !shown.stdout.contains("1+2"))
    }
}
