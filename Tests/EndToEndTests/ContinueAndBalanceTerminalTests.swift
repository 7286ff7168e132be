import Foundation
import MockMoonshot
import Testing
import TestSupport

/// Ctrl-X C continues a cut reply into the same message; F1 shows the balance; a request
/// refused with nothing left says what the balance is.
@Suite("Continuing a reply and the balance in the chat", .serialized)
struct ContinueAndBalanceTerminalTests {
    let home: KimichatHome

    init() throws {
        home = try KimichatHome()
    }

    @Test("Ctrl-X C continues a reply cut by max tokens; F1 shows the balance; a spent balance is explained",
          .timeLimit(.minutes(2)))
    func continueAndBalance() async throws {
        let server = try await MockMoonshotServer.start()
        defer { Task { try? await server.shutdown() } }
        let session = try home.launch("--base-url \(server.baseURL)", environment: ["MOONSHOT_API_KEY": "sk-test"],
                                      width: 110)
        try await session.waitFor("ready")
        server.enqueue(MockScenario(reply: "Once upon a time", finishReason: "length"))
        try session.type("Tell me a story")
        try session.press("Enter")
        try await session.waitFor("[cut: max tokens] · Ctrl-X C continues it")
        try session.press("C-x")
        try session.type("c")
        var screen = try await session.waitUntil("the continuation, finished") {
            $0.contains("goes on from “Once upon a time”") && $0.contains("ready")
        }
        #expect(!screen.contains("[cut: max tokens]"))
        let chats = server.requests.filter { $0.path == "/v1/chat/completions" }
        let last = try #require(chats.last?.json?["messages"] as? [[String: Any]])
        #expect(last.last?["partial"] as? Bool == true)
        #expect(last.last?["content"] as? String == "Once upon a time")
        try await Polling.until("the continued reply saved as one message") {
            let conversations = try await home.conversations()
            guard let id = conversations.first?["id"] as? Int else { return false }
            let messages = try await home.export(id)["messages"] as? [[String: Any]] ?? []
            return messages.count == 2 && (messages[1]["content"] as? String)?.hasPrefix("Once upon a time …and here") == true
        }

        try session.press("F1")
        screen = try await session.waitFor("Balance: $12.34 (cash $10.00, voucher $2.34).")
        try session.press("Escape")
        // Typed at once, ESC and the next letter would read as one key (ESC O is a prefix).
        _ = try await session.waitUntil("help closed") { !$0.contains("Balance:") }

        server.setBalance(MockBalance(cash: -1.5, voucher: 0))
        try session.type("One more")
        try session.press("Enter")
        screen = try await session.waitFor("Your account's balance is $0.00 (cash -$1.50)")
        try session.press("C-q")
        try await session.waitFor("[exited 0]")
    }
}
