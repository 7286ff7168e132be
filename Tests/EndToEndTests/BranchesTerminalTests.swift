import Foundation
import MockMoonshot
import Testing
import TestSupport

/// Conversations as trees, driven from the keyboard in tmux against the mock: edit a
/// question into a new version (Alt-E), flip back (Alt-Left), go on from the old
/// branch, regenerate into a sibling (Ctrl-R), fork (Ctrl-X F), jump through the
/// outline (Ctrl-X T), and reopen on the branch left.
@Suite("Branches in the chat", .serialized)
struct BranchesTerminalTests {
    let home: KimichatHome

    init() throws {
        home = try KimichatHome()
    }

    /// The user and assistant turns of the mock's last chat request, as "role: content".
    private func lastRequestTurns(_ server: MockMoonshotServer) -> [String] {
        let chats = server.requests.filter { $0.path == "/v1/chat/completions" }
        return (chats.last?.messages ?? []).filter { $0.role != "system" }.map { "\($0.role): \($0.content)" }
    }

    private func chatRequestCount(_ server: MockMoonshotServer) -> Int {
        server.requests.filter { $0.path == "/v1/chat/completions" }.count
    }

    /// Sends `question` and waits until `reply` has finished streaming.
    private func ask(_ session: TmuxSession, _ server: MockMoonshotServer, _ question: String,
                     reply: String) async throws {
        server.enqueue(MockScenario(reply: reply))
        try session.type(question)
        try session.press("Enter")
        try await session.waitUntil("the reply “\(reply)”, finished") { $0.contains(reply) && $0.contains("ready") }
    }

    /// Whether a row of `screen` holds every one of `parts` and not `excluded`.
    private func hasLine(_ screen: String, _ parts: String..., not excluded: String? = nil) -> Bool {
        screen.split(separator: "\n").contains { line in
            parts.allSatisfy { line.contains($0) } && !(excluded.map { line.contains($0) } ?? false)
        }
    }

    /// The status bar: the screen's last row with text.
    private func statusBar(_ screen: String) -> String {
        screen.split(separator: "\n").last.map(String.init) ?? ""
    }

    @Test("edit, flip, continue the old branch, regenerate, fork, jump by the outline, reopen on the branch",
          .timeLimit(.minutes(3)))
    func branchesFromTheKeyboard() async throws {
        let server = try await MockMoonshotServer.start()
        defer { Task { try? await server.shutdown() } }
        let key = ["MOONSHOT_API_KEY": "sk-test"]
        let session = try home.launch("--base-url \(server.baseURL)", environment: key)
        try await session.waitFor("ready")
        try await ask(session, server, "First question", reply: "Answer one.")
        try await ask(session, server, "Second question", reply: "Answer two.")

        // Alt-E: the last question comes back into the input; Enter sends the edit.
        try session.press("M-e")
        try await session.waitFor("Enter sends it as a new branch")
        try session.press("C-u")
        try session.type("Second question, edited")
        let sentBefore = chatRequestCount(server)
        server.enqueue(MockScenario(reply: "Answer two, edited."))
        try session.press("Enter")
        try await session.waitUntil("the edit's reply, finished") {
            $0.contains("Answer two, edited.") && $0.contains("ready")
        }
        #expect(chatRequestCount(server) == sentBefore + 1)
        #expect(lastRequestTurns(server) == [
            "user: First question", "assistant: Answer one.", "user: Second question, edited",
        ], "the edit follows the first exchange; the old question is not sent")
        var screen = try session.capture()
        #expect(screen.contains("You  ‹ 2/2 ›"), "\(screen)")
        #expect(!screen.contains("Answer two."), "the old version's reply left the screen")

        // Alt-Left: the old question and its answer come back.
        try session.press("M-Left")
        screen = try await session.waitUntil("the old version shown") {
            $0.contains("Answer two.") && !$0.contains("Second question, edited") && !$0.contains("Answer two, edited.")
        }
        #expect(screen.contains("You  ‹ 1/2 ›"), "\(screen)")
        #expect(statusBar(screen).contains("Version 1 of 2"), "\(statusBar(screen))")

        // A third question goes on from the branch shown: the old one.
        try await ask(session, server, "Third question", reply: "Answer three.")
        #expect(lastRequestTurns(server) == [
            "user: First question", "assistant: Answer one.", "user: Second question", "assistant: Answer two.",
            "user: Third question",
        ])

        // Ctrl-R: the new reply takes the old one's place, marked as the second of two.
        server.enqueue(MockScenario(reply: "Answer three, again."))
        try session.press("C-r")
        screen = try await session.waitUntil("the regenerated reply, finished") {
            $0.contains("Answer three, again.") && $0.contains("ready")
        }
        #expect(!screen.contains("Answer three."), "one reply shown, not both:\n\(screen)")
        #expect(screen.components(separatedBy: "Kimi  ‹ 2/2 ›").count == 2, "\(screen)")
        #expect(lastRequestTurns(server).last == "user: Third question")
        #expect(lastRequestTurns(server).count == 5)

        // Ctrl-X F: the branch becomes a conversation of its own, and opens.
        try session.press("C-x")
        try session.press("f")
        screen = try await session.waitUntil("the fork open") { statusBar($0).contains("First question (fork)") }
        let conversations = try await home.conversations()
        #expect(conversations.compactMap { $0["title"] as? String } == ["First question (fork)", "First question"])
        let forkID = try #require(conversations.first?["id"] as? Int)
        let forked = try await home.export(forkID)["messages"] as? [[String: Any]] ?? []
        #expect(forked.compactMap { $0["content"] as? String } == [
            "First question", "Answer one.", "Second question", "Answer two.", "Third question", "Answer three, again.",
        ])

        // Back to the original, on the branch it was left on.
        try session.press("C-o")
        try await session.waitFor("2 found")
        try session.press("Down")
        try await session.waitUntil("the original selected") { hasLine($0, "▸", "First question", not: "(fork)") }
        try session.press("Enter")
        screen = try await session.waitUntil("the original open") {
            !$0.contains("Conversations ·") && !statusBar($0).contains("(fork)") && $0.contains("Answer three, again.")
        }

        // Ctrl-X T: the outline lists every branch's questions; Down and Enter go to the edit.
        try session.press("C-x")
        try session.press("t")
        // Waits for the selection too: a capture can land between the overlay's title and its rows.
        screen = try await session.waitUntil("the outline, the branch shown selected") {
            $0.contains("Outline · 4 questions") && hasLine($0, "▸", "Third question  (2 replies)")
        }
        try session.press("Down")
        try await session.waitUntil("the edit selected") { hasLine($0, "▸", "Second question, edited") }
        try session.press("Enter")
        screen = try await session.waitUntil("the edited branch shown") {
            !$0.contains("Outline ·") && $0.contains("Answer two, edited.") && !$0.contains("Third question")
        }
        #expect(screen.contains("Second question, edited"))

        // Quit and relaunch: the conversation reopens on that branch.
        try session.press("C-q")
        try await session.waitFor("[exited 0]")
        session.kill()
        let again = try home.launch("--base-url \(server.baseURL)", environment: key)
        screen = try await again.waitUntil("the edited branch reopened") {
            $0.contains("Answer two, edited.") && $0.contains("ready")
        }
        #expect(!screen.contains("Third question") && !screen.contains("Answer two."), "\(screen)")
        #expect(screen.contains("You  ‹ 2/2 ›"))
        try again.press("C-q")
        try await again.waitFor("[exited 0]")
    }
}
