import ChatDomain
import Foundation
import MockMoonshot
import Persistence
import Testing
import TestSupport

/// `kimichat ask --continue` and the chat screen build their requests through one
/// pipeline: the same saved conversation sends the same bytes from either.
@Suite("One request pipeline for ask and the chat", .serialized)
struct SharedPipelineTests {
    let home: KimichatHome

    init() throws {
        home = try KimichatHome()
    }

    /// A conversation with what history has to get right: thinking kept with a reply,
    /// a question answered twice (Ctrl-R), a reply cut short, one a crash left
    /// "streaming", and a failure with no text.
    private func seed(at path: String) throws {
        let store = try ConversationStore(path: path)
        let id = try store.createConversation(title: "Seeded", model: "kimi-k2.6").id
        let messages = [
            StoredMessage(role: .user, text: "What is 1+1?"),
            StoredMessage(role: .assistant, text: "Two.", reasoning: "One and one.", model: "kimi-k2.6"),
            StoredMessage(role: .user, text: "And in base 2? 用二进制"),
            StoredMessage(role: .assistant, text: "10, first try.", model: "kimi-k2.6"),
            StoredMessage(role: .assistant, text: "10 (regenerated).", model: "kimi-k2.6"),
            StoredMessage(role: .user, text: "Tell me a long story"),
            StoredMessage(role: .assistant, text: "Once upon", status: .interrupted, model: "kimi-k2.6",
                          errorMessage: "the connection closed before the reply finished"),
            StoredMessage(role: .user, text: "Try again"),
            StoredMessage(role: .assistant, text: "A crash left this", status: .streaming, model: "kimi-k2.6"),
            StoredMessage(role: .user, text: "Hello?"),
            StoredMessage(role: .assistant, text: "", status: .error, model: "kimi-k2.6", errorMessage: "HTTP 500"),
        ]
        for message in messages { _ = try store.save(message, in: id) }
    }

    private func copyDatabase(_ source: String, to target: String) throws {
        for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: source + suffix) {
            try FileManager.default.copyItem(atPath: source + suffix, toPath: target + suffix)
        }
    }

    @Test("ask --continue and the chat screen send byte-identical requests for the same conversation",
          .timeLimit(.minutes(2)))
    func sameBytes() async throws {
        let server = try await MockMoonshotServer.start()
        defer { Task { try? await server.shutdown() } }
        let forChat = home.directory.appendingPathComponent("chat.sqlite").path
        let forAsk = home.directory.appendingPathComponent("ask.sqlite").path
        try seed(at: forChat)
        try copyDatabase(forChat, to: forAsk)
        let key = ["MOONSHOT_API_KEY": "sk-test"]
        let common = ["--base-url", server.baseURL, "--system", "Be brief."]

        let session = try home.launch((["--db", forChat] + common.map { "'\($0)'" }).joined(separator: " "),
                                      environment: key)
        try await session.waitFor("A crash left this")
        try session.type("Next question")
        try session.press("Enter")
        try await session.waitUntil("the reply and ready") { $0.contains("You said") && $0.contains("ready") }
        try session.press("C-q")
        try await session.waitFor("[exited 0]")
        session.kill()

        let asked = try await home.run(["ask", "--db", forAsk, "--continue"] + common + ["Next question"],
                                       environment: key)
        #expect(asked.status == 0, "\(asked.stderr)")

        let bodies = server.requests.filter { $0.path == "/v1/chat/completions" }.map(\.body)
        try #require(bodies.count == 2)
        #expect(bodies[0] == bodies[1])
        // And what they send is the history as the transcript shows it.
        let sent = try #require(server.requests.last { $0.path == "/v1/chat/completions" }).messages.map(\.content)
        #expect(sent == ["Be brief.", "What is 1+1?", "Two.", "And in base 2? 用二进制", "10 (regenerated).",
                         "Tell me a long story", "Once upon", "Try again", "A crash left this", "Hello?",
                         "Next question"])
    }
}
