import Foundation
import MockMoonshot
import Testing
import TestSupport

/// Alt-S in tmux: thinking turned off for the conversation, the next request says so,
/// the status bar shows it, and it is still so after a restart.
@Suite("The conversation's settings in the chat", .serialized)
struct SettingsTerminalTests {
    let home: KimichatHome

    init() throws {
        home = try KimichatHome()
    }

    @Test("Alt-S turns thinking off and the next request says so; the status bar and a restart keep it",
          .timeLimit(.minutes(2)))
    func thinkingOff() async throws {
        let server = try await MockMoonshotServer.start()
        defer { Task { try? await server.shutdown() } }
        let key = ["MOONSHOT_API_KEY": "sk-test"]
        let session = try home.launch("--base-url \(server.baseURL) --model kimi-k2.6", environment: key, width: 110)
        try await session.waitFor("ready")
        try session.press("M-s")
        try await session.waitFor("Settings of this conversation")
        for _ in 0..<2 { try session.press("Down") }
        try session.press("Enter")
        try await session.waitFor("Enter turns it on")
        try session.press("Escape")
        _ = try await session.waitUntil("settings closed") { !$0.contains("Settings of this conversation") }
        try session.type("hello")
        try session.press("Enter")
        try await session.waitUntil("the reply") { $0.contains("You said “hello”") && $0.contains("ready") }
        let body = try #require(server.requests.last { $0.path == "/v1/chat/completions" }?.json)
        #expect((body["thinking"] as? [String: Any])?["type"] as? String == "disabled")
        var screen = try session.capture()
        #expect(screen.contains("kimi-k2.6 · no-think"), "\(screen)")
        #expect(!screen.contains("thought"), "no thinking shown")
        try session.press("C-q")
        try await session.waitFor("[exited 0]")
        session.kill()

        let again = try home.launch("--base-url \(server.baseURL)", environment: key, width: 110)
        screen = try await again.waitFor("kimi-k2.6 · no-think")
        try again.press("C-q")
        try await again.waitFor("[exited 0]")
    }
}
