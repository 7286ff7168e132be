import Foundation
import MockMoonshot
import Testing
import TestSupport

/// The fault matrix of docs/reliability.md in the full-screen chat: what the status
/// bar and the transcript say, what Esc and Ctrl-R do, and what the database keeps.
@Suite("Fault matrix: the chat in a terminal", .serialized, .timeLimit(.minutes(2)))
struct FaultMatrixTerminalTests {
    @Test("429 then success: the status bar counts down “retrying in Ns (2/4)”, then the reply streams once")
    func retryCountdown() async throws {
        let bench = try await FaultBench.start()
        defer { Task { await bench.shutdown() } }
        var limited = try #require(MockScenario.errors["429"])
        // Shown long enough for a screen poll starved by the whole suite to see it.
        limited.retryAfterSeconds = 10
        bench.server.enqueue(MockScenario(httpError: limited), MockScenario(reply: "after the wait"))
        let session = try bench.launch()
        try await session.waitFor("Enter send")
        try session.type("hello")
        try session.press("Enter")
        let waiting = try await session.waitFor("(2/4) · rate limited · Esc cancels")
        #expect((["", "in 1s "] + (2...10).map { "in \($0)s " }).contains { waiting.contains("retrying \($0)(2/4)") },
                "\(waiting)")
        let screen = try await session.waitFor("after the wait")
        #expect(screen.components(separatedBy: "after the wait").count == 2, "the reply appears once")
        #expect(bench.chatRequests == 2)
        try session.press("C-q")
        try await session.waitFor("[exited 0]")
        let saved = try await bench.savedMessages()
        #expect(saved.map { $0["content"] as? String } == ["hello", "after the wait"])
    }

    @Test("Esc while a retry waits cancels it: no further request, the question kept")
    func escCancelsRetry() async throws {
        let bench = try await FaultBench.start()
        defer { Task { await bench.shutdown() } }
        // Long enough that a starved test process (the whole suite runs at once on two
        // cores) still presses Esc well inside the wait.
        let retryAfter = 8
        bench.server.enqueue(MockScenario(httpError: .init(status: 503, type: "server_error", message: "down",
                                                           retryAfterSeconds: retryAfter)))
        let session = try bench.launch()
        try await session.waitFor("Enter send")
        try session.type("are you up?")
        try session.press("Enter")
        try await session.waitFor("retrying in")
        // The 503 went out before the countdown showed: a wait that went on asks again
        // by this instant.
        let retryDue = ContinuousClock.now + .seconds(retryAfter) + .milliseconds(500)
        try session.press("Escape")
        try await session.waitFor("Stopped waiting to retry (server error 503).")
        try await Polling.holds("one chat request, no retry", until: retryDue) { bench.chatRequests == 1 }
        try session.press("C-q")
        try await session.waitFor("[exited 0]")
        #expect(try await bench.savedMessages().first?["content"] as? String == "are you up?")
    }

    @Test("a reply cut mid-stream is kept and marked interrupted; Ctrl-R asks again without the partial")
    func cutThenRegenerate() async throws {
        let bench = try await FaultBench.start()
        defer { Task { await bench.shutdown() } }
        bench.server.enqueue(MockScenario(reply: "partial words that stop", cutAfterTokens: 2),
                             MockScenario(reply: "a whole new answer"))
        let session = try bench.launch()
        try await session.waitFor("Enter send")
        try session.type("tell me")
        try session.press("Enter")
        let cut = try await session.waitFor("[interrupted]")
        #expect(cut.contains("partial words"))
        #expect(cut.contains("The reply was cut off"))
        try session.press("C-r")
        try await session.waitFor("a whole new answer")
        #expect(bench.chatRequests == 2)
        let second = bench.server.requests.last?.messages.map(\.content) ?? []
        #expect(second.last == "tell me")
        #expect(!second.contains { $0.hasPrefix("partial") })
        try session.press("C-q")
        try await session.waitFor("[exited 0]")
        let saved = try await bench.savedMessages()
        #expect(saved.map { $0["status"] as? String } == ["complete", "interrupted", "complete"])
    }

    @Test("a too-long conversation: the error offers Ctrl-R, which sends fewer earlier rounds")
    func contextOverflow() async throws {
        let bench = try await FaultBench.start()
        defer { Task { await bench.shutdown() } }
        bench.server.enqueue(MockScenario(reply: "first answer"), MockScenario(reply: "second answer"),
                             MockScenario(httpError: MockScenario.errors["overflow"]), MockScenario(reply: "fits now"))
        let session = try bench.launch()
        try await session.waitFor("Enter send")
        for (question, answer) in [("one", "first answer"), ("two", "second answer")] {
            try session.type(question)
            try session.press("Enter")
            try await session.waitFor(answer)
        }
        try session.type("three")
        try session.press("Enter")
        let offer = try await session.waitFor("too many).")
        #expect(offer.replacingOccurrences(of: "\n  ", with: " ")
            .contains("Press Ctrl-R to try again with only the last earlier round (the 2 sent were too many)."))
        try session.press("C-r")
        try await session.waitFor("fits now")
        let sent = bench.server.requests.filter { $0.path == "/v1/chat/completions" }.map { $0.messages.map(\.content) }
        #expect(sent.count == 4)
        #expect(sent[2] == ["one", "first answer", "two", "second answer", "three"])
        #expect(sent[3] == ["two", "second answer", "three"])
        try session.press("C-q")
    }

    @Test("a resize storm (hundreds of SIGWINCH in a second) mid-reply: no crash, no leak, the reply finishes")
    func resizeStorm() async throws {
        let bench = try await FaultBench.start()
        defer { Task { await bench.shutdown() } }
        bench.server.enqueue(MockScenario(tokenCount: 400, paceMilliseconds: 5))
        let session = try bench.launch()
        try await session.waitFor("Enter send")
        let pid = try await session.programPID()
        let before = try residentKilobytes(pid)
        try session.type("go")
        try session.press("Enter")
        try await session.waitFor("streaming")
        for round in 0..<500 {
            kill(pid, SIGWINCH)
            if round % 100 == 0 { try session.resize(width: round % 200 == 0 ? 80 : 100, height: 30) }
            try await Task.sleep(for: .milliseconds(1))
        }
        try session.resize(width: 100, height: 30)
        try await session.waitUntil("the reply to finish", timeout: .seconds(30)) { $0.contains("Enter send") }
        #expect(kill(pid, 0) == 0, "still running")
        let after = try residentKilobytes(pid)
        #expect(after - before < 30_000, "resident memory grew by \(after - before) kB")
        try session.type("still here")
        try await session.waitFor("still here")
        try session.press("C-q")
        try await session.waitFor("[exited 0]")
    }

    @Test("SIGHUP and SIGINT mid-reply: the terminal is restored and the reply so far is saved",
          arguments: [SIGHUP, SIGINT])
    func signalsSaveAndRestore(signal: Int32) async throws {
        let bench = try await FaultBench.start()
        defer { Task { await bench.shutdown() } }
        bench.server.enqueue(MockScenario(tokenCount: 2_000, paceMilliseconds: 20))
        let session = try bench.launch()
        try await session.waitFor("Enter send")
        try session.type("long one")
        try session.press("Enter")
        try await session.waitFor("streaming")
        try await Polling.until("a periodic save of the reply so far") {
            let messages = try await bench.messagesSoFar()
            return messages.count == 2 && (messages.last?["content"] as? String ?? "").count > 10
        }
        kill(try await session.programPID(), signal)
        try await session.waitFor("[exited")
        #expect(!(try session.alternateScreenIsOn()))
        let saved = try await bench.savedMessages()
        #expect(saved.first?["content"] as? String == "long one")
        #expect((saved.last?["content"] as? String ?? "").count > 10)
        #expect(saved.last?["status"] as? String == "stopped")
    }

    @Test("a crash signal (SIGSEGV, SIGABRT) still gives the terminal back", arguments: [SIGSEGV, SIGABRT])
    func crashRestoresTerminal(signal: Int32) async throws {
        let bench = try await FaultBench.start()
        defer { Task { await bench.shutdown() } }
        // The Swift runtime's backtracer runs after our handler; not interactive here.
        let session = try bench.launch(environment: ["SWIFT_BACKTRACE": "interactive=no"])
        try await session.waitFor("Enter send")
        #expect(try session.alternateScreenIsOn())
        kill(try await session.programPID(), signal)
        try await session.waitFor("Program crashed", timeout: .seconds(30))
        #expect(!(try session.alternateScreenIsOn()))
        try await session.waitFor("[exited", timeout: .seconds(30))
        #expect(!(try session.alternateScreenIsOn()))
    }

    @Test("TERM unset, TERM=dumb, an unknown TERM: a message that says what to do, exit 1",
          arguments: [("", "TERM is not set"), ("dumb", "cannot draw a full-screen chat"),
                      ("no-such-terminal", "not in the terminfo database")])
    func unusableTerminal(term: String, message: String) async throws {
        let home = try KimichatHome()
        let session = try home.launch("--demo", environment: ["TERM": term])
        let screen = try await session.waitFor("[exited 1]")
        #expect(screen.contains(message))
        #expect(screen.contains("kimichat ask"))
    }

    @Test("a locale that is not UTF-8: a notice, and Chinese still drawn")
    func nonUTF8Locale() async throws {
        let home = try KimichatHome()
        let session = try home.launch("--demo", environment: ["LANG": "C", "LC_ALL": "C"])
        try await session.waitFor("is not UTF-8")
        try session.type("你好")
        try session.press("Enter")
        try await session.waitFor("You said “你好”")
        try session.press("C-q")
        try await session.waitFor("[exited 0]")
    }

    @Test("stdin or stdout not a terminal: the chat points to `kimichat ask`, which works there")
    func notATerminal() async throws {
        let home = try KimichatHome()
        let chat = try await home.run(["--demo"], stdin: "")
        #expect(chat.status == 1)
        #expect(chat.stderr.contains("the chat needs a terminal"))
        #expect(chat.stderr.contains("kimichat ask"))
        let ask = try await home.run(["ask", "--demo"], stdin: "piped question")
        #expect(ask.status == 0)
        #expect(ask.stdout.contains("piped question"))
    }

    private func residentKilobytes(_ pid: Int32) throws -> Int {
        let status = try String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)
        let line = status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") } ?? ""
        return Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
    }
}
