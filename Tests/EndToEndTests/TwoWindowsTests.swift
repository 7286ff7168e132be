import Foundation
import MockMoonshot
import Testing
import TestSupport

/// Two kimichat processes with the same conversation open: what one window writes,
/// renames or deletes, the other sees before its next request goes out.
@Suite("Two windows on one conversation", .serialized)
struct TwoWindowsTests {
    let home: KimichatHome

    init() throws {
        home = try KimichatHome()
    }

    private func quit(_ session: TmuxSession) async throws {
        try session.press("C-q")
        try await session.waitFor("[exited 0]")
        session.kill()
    }

    /// The user and assistant turns of the mock's last chat request, as "role: content".
    private func lastRequestTurns(_ server: MockMoonshotServer) -> [String] {
        let chats = server.requests.filter { $0.path == "/v1/chat/completions" }
        return (chats.last?.messages ?? []).filter { $0.role != "system" }.map { "\($0.role): \($0.content)" }
    }

    @Test("two windows on one conversation: window 2's request carries window 1's turn, a rename and a delete are seen",
          .timeLimit(.minutes(2)))
    func otherWindowsTurnsRenameAndDelete() async throws {
        let server = try await MockMoonshotServer.start()
        defer { Task { try? await server.shutdown() } }
        let key = ["MOONSHOT_API_KEY": "sk-test"]
        server.enqueue(MockScenario(reply: "Seed answer."))
        let seeded = try await home.run(["ask", "--base-url", server.baseURL, "Seed question"], environment: key)
        #expect(seeded.status == 0, "stderr: \(seeded.stderr)")

        // Both reopen the latest conversation: the seeded one.
        let one = try home.launch("--base-url \(server.baseURL)", environment: key)
        let two = try home.launch("--base-url \(server.baseURL)", environment: key)
        try await one.waitFor("Seed answer.")
        try await two.waitFor("Seed answer.")

        server.enqueue(MockScenario(reply: "Answer to window one."))
        try one.type("From window one")
        try one.press("Enter")
        try await one.waitUntil("window one's reply, finished") {
            $0.contains("Answer to window one.") && $0.contains("ready")
        }
        // At once, without waiting for window two to show it: the check before sending
        // must catch what window one wrote.
        server.enqueue(MockScenario(reply: "Answer to window two."))
        try two.type("From window two")
        try two.press("Enter")
        let screen = try await two.waitUntil("window two's reply, finished") {
            $0.contains("Answer to window two.") && $0.contains("ready")
        }
        #expect(lastRequestTurns(server) == [
            "user: Seed question", "assistant: Seed answer.",
            "user: From window one", "assistant: Answer to window one.",
            "user: From window two",
        ])
        #expect(screen.contains("From window one"), "window two's transcript shows window one's turn")
        // Window one, idle, picks up window two's turn on its own.
        try await one.waitFor("Answer to window two.")

        // Renamed in window one: window two's status bar follows.
        try one.press("C-o")
        try await one.waitFor("1 found")
        try one.press("F2")
        try await one.waitFor("Rename:")
        try one.press("C-u")
        try one.type("Renamed elsewhere")
        try one.press("Enter")
        try await one.waitFor("▸ ● Renamed elsewhere")
        try one.press("Escape")
        try await two.waitFor("│ Renamed elsewhere")

        // Deleted in window one: window two says so, and its next message starts anew.
        try one.press("C-o")
        try await one.waitFor("1 found")
        try one.press("DC")
        try await one.waitFor("Delete “Renamed elsewhere”")
        try one.press("y")
        try await one.waitFor("0 found")
        try one.press("Escape")
        try await two.waitFor("deleted in another window")
        server.enqueue(MockScenario(reply: "A fresh answer."))
        try two.type("After the delete")
        try two.press("Enter")
        let fresh = try await two.waitUntil("the fresh reply, finished") {
            $0.contains("A fresh answer.") && $0.contains("ready")
        }
        #expect(lastRequestTurns(server) == ["user: After the delete"], "no turn of the deleted conversation")
        #expect(fresh.contains("new conversation"))
        #expect(!fresh.contains("Seed answer."))

        try await quit(one)
        try await quit(two)
        let titles = try await home.conversations().compactMap { $0["title"] as? String }
        #expect(titles == ["After the delete"])
    }

    @Test("two windows regenerate the same reply at once: every version is kept, each beside the first",
          .timeLimit(.minutes(2)))
    func twoWindowsAddVersionsAtOnce() async throws {
        let server = try await MockMoonshotServer.start()
        defer { Task { try? await server.shutdown() } }
        let key = ["MOONSHOT_API_KEY": "sk-test"]
        server.enqueue(MockScenario(reply: "First answer."))
        let seeded = try await home.run(["ask", "--base-url", server.baseURL, "One question"], environment: key)
        #expect(seeded.status == 0, "stderr: \(seeded.stderr)")

        let one = try home.launch("--base-url \(server.baseURL)", environment: key)
        let two = try home.launch("--base-url \(server.baseURL)", environment: key)
        try await one.waitFor("First answer.")
        try await two.waitFor("First answer.")
        // Paced, so that the two replies stream at the same time.
        server.enqueue(MockScenario(reply: "Another answer, from a window.", paceMilliseconds: 40))
        server.enqueue(MockScenario(reply: "Another answer, from a window.", paceMilliseconds: 40))
        try one.press("C-r")
        try two.press("C-r")
        for window in [one, two] {
            try await window.waitUntil("the regenerated reply, finished") {
                $0.contains("Another answer, from a window.") && $0.contains("ready")
            }
        }
        try await quit(one)
        try await quit(two)

        let id = try #require(try await home.conversations().first?["id"] as? Int)
        let messages = try #require(try await home.export(id)["messages"] as? [[String: Any]])
        let question = try #require(messages.first { $0["role"] as? String == "user" }?["id"] as? Int)
        let replies = messages.filter { $0["role"] as? String == "assistant" }
        #expect(replies.count == 3, "the first answer and one version from each window")
        #expect(replies.allSatisfy { $0["parent_id"] as? Int == question }, "all three answer the one question")
        #expect(replies.allSatisfy { $0["status"] as? String == "complete" })
    }
}
