import Foundation
import MockMoonshot
import Testing
import TestSupport

/// The built `kimichat` in a real terminal (tmux), driven by keys and read from the screen.
@Suite("kimichat in a terminal", .serialized)
struct TerminalSessionTests {
    /// Starts `kimichat ARGS` in tmux in a home of its own (`KimichatHome`).
    private func launch(_ arguments: String, environment: [String: String] = [:],
                        width: Int = 100, height: Int = 30) throws -> (TmuxSession, URL) {
        let home = try KimichatHome()
        return (try home.launch(arguments, environment: environment, width: width, height: height), home.directory)
    }

    @Test("demo: two messages stream in, and the second request carries the first exchange")
    func twoMessagesInDemo() async throws {
        let (session, directory) = try launch("--demo", environment: ["KIMICHAT_DEMO_PACE_MS": "2"])
        try await session.waitFor("Demo mode")
        try session.type("Hello Kimi, 你好")
        try await session.waitFor("› Hello Kimi, 你好")
        try session.press("Enter")
        try await session.waitFor("This is reply 1")
        try await session.waitUntil("the first reply to finish") { $0.contains("逐字显示") && $0.contains("ready") }
        try session.type("And the Moon?")
        try session.press("Enter")
        let screen = try await session.waitFor("This is reply 2")
        #expect(screen.contains("You said “Hello Kimi, 你好”"))
        try await session.waitUntil("the second reply to finish") { $0.contains("carried 3 messages") && $0.contains("ready") }

        let requests = try RequestLog.chatMessages(at: directory.appendingPathComponent("requests.jsonl").path)
        #expect(requests.count == 2)
        let second = try #require(requests.last)
        #expect(second.map(\.role) == ["user", "assistant", "user"])
        #expect(second[0].content == "Hello Kimi, 你好")
        #expect(second[1].content.hasPrefix("You said “Hello Kimi, 你好”. This is reply 1"))
        #expect(second[2].content == "And the Moon?")
        try session.press("C-q")
        try await session.waitFor("[exited 0]")
    }

    @Test("Esc mid-stream stops the reply: the partial text stays, marked stopped, the connection (or HTTP/2 stream) closes",
          .timeLimit(.minutes(1)), arguments: [MockTransport.http1, .tlsHTTP2])
    func escapeStops(over transport: MockTransport) async throws {
        try await stopsMidStream(pressing: "Escape", over: transport)
    }

    @Test("Ctrl-C mid-stream stops the reply too (it is a key, not a signal), and kimichat keeps running",
          .timeLimit(.minutes(1)))
    func ctrlCStops() async throws {
        let session = try await stopsMidStream(pressing: "C-c")
        try session.type("still here")
        try await session.waitFor("› still here")
    }

    /// Stops a slow reply with `key`; the transcript at `[stopped]` must not change
    /// after the mock has seen the connection close and a few chunks' time has passed.
    @discardableResult
    private func stopsMidStream(pressing key: String, over transport: MockTransport = .http1) async throws
        -> TmuxSession {
        var configuration = MockMoonshotServer.Configuration()
        configuration.tls = transport.tls
        let server = try await MockMoonshotServer.start(configuration)
        defer { Task { try? await server.shutdown() } }
        let pace = 100
        server.enqueue(MockScenario(reply: (1...60).map { "word\($0)" }.joined(separator: " "), paceMilliseconds: pace))
        let home = try KimichatHome()
        let session = try home.launch("--base-url \(server.baseURL) --model moonshot-v1-8k",
                                      environment: ["MOONSHOT_API_KEY": "sk-test",
                                                    "SSL_CERT_FILE": transport.trustRootFiles.first ?? ""])
        try await session.waitFor("Enter send")
        try session.type("Tell me a long story")
        try session.press("Enter")
        try await session.waitFor("word3 ")
        try session.press(key)
        let stopped = try await session.waitFor("[stopped]")
        #expect(stopped.contains("Reply stopped"))
        #expect(!stopped.contains("word60"))
        try await Polling.until("the mock to see the connection close") { server.disconnects == 1 }
        #expect(server.completedStreams == 0)
        #expect(server.requests.last?.httpVersion == transport.expectedHTTPVersion)
        // Several chunks' time after the close: a reply that went on would have drawn more.
        try await Polling.holds("the screen as it was at [stopped]", until: .now + .milliseconds(pace * 5)) {
            try session.capture() == stopped
        }
        return session
    }

    @Test("Ctrl-Q quits and gives the terminal back: shell prompt, no alternate screen")
    func quitRestoresTerminal() async throws {
        let (session, _) = try launch("--demo")
        try await session.waitFor("Enter send")
        #expect(try session.alternateScreenIsOn())
        try session.press("C-q")
        try await session.waitFor("[exited 0]")
        #expect(!(try session.alternateScreenIsOn()))
    }

    @Test("SIGTERM mid-stream restores the terminal too")
    func sigtermRestoresTerminal() async throws {
        let (session, _) = try launch("--demo", environment: ["KIMICHAT_DEMO_PACE_MS": "200"])
        try await session.waitFor("Demo mode")
        try session.type("hi")
        try session.press("Enter")
        try await session.waitFor("thinking")
        kill(try await session.programPID(), SIGTERM)
        try await session.waitFor("[exited")
        #expect(!(try session.alternateScreenIsOn()))
    }

    @Test("with no key and no --demo the UI opens and explains how to set the key")
    func noKey() async throws {
        let (session, _) = try launch("--base-url http://127.0.0.1:\(try Loopback.refusedPort())/v1")
        try await session.waitFor("MOONSHOT_API_KEY")
        try session.type("hello there")
        try session.press("Enter")
        let screen = try await session.waitFor("Error")
        #expect(screen.contains("hello there"), "the typed message is kept")
        try session.press("C-q")
        try await session.waitFor("[exited 0]")
    }

    @Test("a refused connection becomes a readable error in the transcript, the message kept")
    func connectionRefused() async throws {
        let (session, _) = try launch("--base-url http://127.0.0.1:\(try Loopback.refusedPort())/v1",
                                      environment: ["MOONSHOT_API_KEY": "sk-x"])
        try await session.waitFor("Enter send")
        try session.type("are you there?")
        try session.press("Enter")
        let screen = try await session.waitFor("connection refused")
        #expect(screen.contains("are you there?"))
        try session.press("C-q")
    }

    @Test("resizing mid-session re-lays out the screen")
    func resize() async throws {
        let (session, _) = try launch("--demo", environment: ["KIMICHAT_DEMO_PACE_MS": "1"])
        try await session.waitFor("Enter send")
        try session.resize(width: 50, height: 16)
        try await session.waitUntil("the separator to span 50 columns") { screen in
            screen.split(separator: "\n").contains { $0 == Substring(String(repeating: "─", count: 50)) }
        }
        try session.press("C-q")
    }
}
