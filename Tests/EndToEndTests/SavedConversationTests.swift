import Foundation
import MockMoonshot
import Testing
import TestSupport

/// Saved conversations in the running TUI: relaunching, the list overlay, a crash
/// mid-reply, and two kimichat processes on one database.
@Suite("Saved conversations in a terminal", .serialized)
struct SavedConversationTests {
    let home: KimichatHome

    init() throws {
        home = try KimichatHome()
    }

    private func send(_ text: String, in session: TmuxSession, waitingFor reply: String) async throws {
        try session.type(text)
        try session.press("Enter")
        try await session.waitUntil("“\(reply)” and ready") { $0.contains(reply) && $0.contains("ready") }
    }

    @Test("chat two turns, quit, relaunch: the same transcript is back; --new starts afresh")
    func relaunchRestores() async throws {
        let first = try home.launch("--demo")
        try await first.waitFor("Demo mode")
        try await send("Hello Kimi, 你好", in: first, waitingFor: "This is reply 1")
        try await send("And the Moon?", in: first, waitingFor: "carried 3 messages")
        try first.press("C-q")
        try await first.waitFor("[exited 0]")
        first.kill()

        let second = try home.launch("--demo")
        let screen = try await second.waitFor("carried 3 messages")
        #expect(screen.contains("Hello Kimi, 你好"))
        #expect(screen.contains("And the Moon?"))
        #expect(screen.contains("You said “And the Moon?”"))
        #expect(screen.contains("│ Hello Kimi, 你好"), "the status bar shows the conversation's title")
        // The reopened history goes along with the next request.
        try await send("Third", in: second, waitingFor: "This is reply 3")
        #expect(try RequestLog.chatMessages(at: home.requestLogPath).last?.count == 5)
        try second.press("C-q")
        try await second.waitFor("[exited 0]")
        second.kill()

        let fresh = try home.launch("--demo --new")
        let empty = try await fresh.waitFor("Demo mode")
        #expect(!empty.contains("Hello Kimi"))
        try fresh.press("C-q")
        try await fresh.waitFor("[exited 0]")
    }

    @Test("the list: filter by a word only in one reply, open it; rename and delete from the overlay",
          .timeLimit(.minutes(2)))
    func listOverlay() async throws {
        let server = try await MockMoonshotServer.start()
        defer { Task { try? await server.shutdown() } }
        let key = ["MOONSHOT_API_KEY": "sk-test"]
        for (question, reply) in [("Fruit facts", "The pomegranate hides its arils inside."),
                                  ("Travel", "Chengdu is famous for pandas."),
                                  ("Latest", "Nothing special here.")] {
            server.enqueue(MockScenario(reply: reply))
            let result = try await home.run(["ask", "--base-url", server.baseURL, question], environment: key)
            #expect(result.status == 0, "stderr: \(result.stderr)")
        }

        let session = try home.launch("--base-url \(server.baseURL)", environment: key)
        try await session.waitFor("Nothing special here.")
        try session.press("C-o")
        try await session.waitFor("3 found")
        try session.type("arils")
        let filtered = try await session.waitFor("1 found")
        #expect(filtered.contains("Fruit facts"))
        #expect(filtered.contains("hides its arils inside"), "the matching snippet is shown")
        try session.press("Enter")
        let opened = try await session.waitFor("The pomegranate hides its arils inside.")
        #expect(!opened.contains("Conversations ·"), "the overlay closed")
        #expect(opened.contains("│ Fruit facts"))

        try session.press("C-o")
        try await session.waitFor("3 found")
        try session.press("F2")
        try await session.waitFor("Rename: Fruit facts")
        try session.press("C-u")
        try session.type("Pomegranates, renamed")
        try session.press("Enter")
        try await session.waitUntil("the renamed title in the list and the status bar") {
            $0.contains("▸ ● Pomegranates, renamed") && !$0.contains("Rename:")
        }
        // Newest first: Latest, Travel, then the open one, which is selected.
        try session.press("Up", "Up")
        try await session.waitFor("▸ Latest")
        try session.press("DC")
        try await session.waitFor("Delete “Latest” and all its messages?")
        try session.press("y")
        try await session.waitFor("2 found")
        try session.press("Escape")
        try await session.waitUntil("the overlay to close") { !$0.contains("Conversations ·") }
        try session.press("C-q")
        try await session.waitFor("[exited 0]")

        let titles = try await home.conversations().compactMap { $0["title"] as? String }
        #expect(Set(titles) == ["Pomegranates, renamed", "Travel"])
    }

    @Test("kill -9 mid-reply, relaunch: the question and the reply so far are there, marked interrupted",
          .timeLimit(.minutes(2)))
    func killedMidReply() async throws {
        let server = try await MockMoonshotServer.start()
        defer { Task { try? await server.shutdown() } }
        server.enqueue(MockScenario(tokenCount: 2_000, paceMilliseconds: 20))
        let key = ["MOONSHOT_API_KEY": "sk-test"]
        let session = try home.launch("--base-url \(server.baseURL) --model moonshot-v1-8k", environment: key)
        try await session.waitFor("Enter send")
        try session.type("Write a very long answer")
        try session.press("Enter")
        try await session.waitFor("streaming")
        try await Polling.until("a periodic save of the reply so far") {
            guard let id = try await home.conversations().first?["id"] as? Int else { return false }
            let messages = try await home.export(id)["messages"] as? [[String: Any]] ?? []
            return messages.count == 2 && (messages.last?["content"] as? String ?? "").count > 20
        }
        kill(try await session.programPID(), SIGKILL)
        try await session.waitFor("[exited 137]")
        session.kill()

        // A command line that fails to parse leaves the file as it was, although the chat
        // starts opening it before parsing: the sweep waits for a command that runs.
        let refused = try await home.run(["--no-such-flag"])
        #expect(refused.status != 0)
        let killedID = try #require(try await home.conversations().first?["id"] as? Int)
        let before = try #require(try await home.export(killedID)["messages"] as? [[String: Any]])
        #expect(before.last?["status"] as? String == "streaming", "\(before.last ?? [:])")

        let again = try home.launch("--base-url \(server.baseURL) --model moonshot-v1-8k", environment: key)
        let screen = try await again.waitFor("[interrupted]")
        #expect(screen.contains("Write a very long answer"))
        try again.press("C-q")
        try await again.waitFor("[exited 0]")

        // Read after the relaunch: `list` and `export` only read, so the sweep is the chat's.
        let conversation = try #require(try await home.conversations().first?["id"] as? Int)
        let messages = try #require(try await home.export(conversation)["messages"] as? [[String: Any]])
        #expect(messages.first?["content"] as? String == "Write a very long answer")
        let partial = messages.last?["content"] as? String ?? ""
        #expect(partial.count > 20, "at least one periodic save happened: \(partial.count) characters")
        #expect(messages.last?["status"] as? String == "interrupted", "opening the database swept the dead reply")
    }

    @Test("two kimichats on one database both chat and save, and each sees the other's conversation",
          .timeLimit(.minutes(2)))
    func twoProcesses() async throws {
        let pace = ["KIMICHAT_DEMO_PACE_MS": "5"]
        let one = try home.launch("--demo --new", environment: pace)
        let two = try home.launch("--demo --new", environment: pace)
        try await one.waitFor("Demo mode")
        try await two.waitFor("Demo mode")
        try one.type("From the first window")
        try two.type("From the second window")
        try one.press("Enter")
        try two.press("Enter")
        for session in [one, two] {
            try await session.waitUntil("the reply to finish") { $0.contains("逐字显示") && $0.contains("ready") }
            #expect(!(try session.capture()).contains("locked"))
        }
        try one.press("C-o")
        let list = try await one.waitFor("2 found")
        #expect(list.contains("From the second window"))
        for session in [one, two] {
            try session.press("Escape", "C-q")
            try await session.waitFor("[exited 0]")
        }

        let conversations = try await home.conversations(demo: true)
        #expect(conversations.count == 2)
        for entry in conversations {
            let id = try #require(entry["id"] as? Int)
            let messages = try #require(try await home.export(id, demo: true)["messages"] as? [[String: Any]])
            #expect(messages.map { $0["status"] as? String } == ["complete", "complete"])
        }
    }
}
