import Foundation
import MockMoonshot
import Testing
import TestSupport

/// The fault matrix of docs/reliability.md, end to end: the real binary against the
/// mock, the user-visible result checked on stdout/stderr and the database after.
@Suite("Fault matrix: kimichat ask against the mock", .timeLimit(.minutes(2)))
struct FaultMatrixTests {
    @Test("HTTP errors that are never retried: one request, the server's words, the question saved",
          arguments: ["401", "403", "404", "quota"])
    func finalHTTPErrors(code: String) async throws {
        let bench = try await FaultBench.start()
        defer { Task { await bench.shutdown() } }
        let error = try #require(MockScenario.errors[code])
        bench.server.enqueue(MockScenario(httpError: error), MockScenario(reply: "must not be asked for"))
        let result = try await bench.ask()
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains(error.message))
        #expect(!result.stderr.contains("retrying"))
        #expect(bench.chatRequests == 1)
        if code == "quota" { #expect(result.stderr.contains("balance or quota is exhausted")) }
        let saved = try await bench.savedMessages()
        #expect(saved.first?["content"] as? String == "question")
        #expect(saved.last?["status"] as? String == "error")
        #expect((saved.last?["error"] as? String)?.contains(error.message) == true)
    }

    @Test("429 with Retry-After, then success: retried once, the reply printed and saved once")
    func rateLimitedThenSuccess() async throws {
        let bench = try await FaultBench.start()
        defer { Task { await bench.shutdown() } }
        bench.server.enqueue(MockScenario(httpError: MockScenario.errors["429"]), MockScenario(reply: "said once"))
        let result = try await bench.ask()
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout == "said once\n")
        #expect(result.stderr.contains("rate limited; retrying in 1s (2/4)"))
        #expect(bench.chatRequests == 2)
        let saved = try await bench.savedMessages()
        #expect(saved.map { $0["content"] as? String } == ["question", "said once"])
        #expect(saved.last?["status"] as? String == "complete")
    }

    @Test("500, then success: retried once")
    func serverErrorThenSuccess() async throws {
        let bench = try await FaultBench.start()
        defer { Task { await bench.shutdown() } }
        bench.server.enqueue(MockScenario(httpError: MockScenario.errors["500"]), MockScenario(reply: "recovered"))
        let result = try await bench.ask()
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout == "recovered\n")
        #expect(result.stderr.contains("server error 500; retrying"))
        #expect(bench.chatRequests == 2)
    }

    @Test("503 four times: four tries, then a message that kimichat gave up; the question is kept")
    func unavailableFourTimes() async throws {
        let bench = try await FaultBench.start()
        defer { Task { await bench.shutdown() } }
        let unavailable = MockScenario(httpError: MockScenario.errors["503"])
        bench.server.enqueue(unavailable, unavailable, unavailable, unavailable, MockScenario(reply: "too late"))
        let result = try await bench.ask()
        #expect(result.status == 1)
        #expect(result.stderr.contains("(4/4)"))
        #expect(result.stderr.contains("kimichat tried 4 times and gave up"))
        #expect(bench.chatRequests == 4)
        #expect(try await bench.savedMessages().first?["content"] as? String == "question")
    }

    @Test("connection refused: retried, then a message that names it")
    func connectionRefused() async throws {
        let bench = try await FaultBench.start()
        defer { Task { await bench.shutdown() } }
        let result = try await bench.ask(baseURL: "http://127.0.0.1:\(try Loopback.refusedPort())/v1")
        #expect(result.status == 1)
        #expect(result.stderr.contains("no connection; retrying"))
        #expect(result.stderr.contains("connection refused"))
        #expect(result.stderr.contains("tried 4 times"))
    }

    @Test("a response head slower than response_timeout: the message names the timeout")
    func slowHead() async throws {
        let bench = try await FaultBench.start(config: "[network]\nresponse_timeout = 1\nmax_attempts = 1\n")
        defer { Task { await bench.shutdown() } }
        bench.server.enqueue(MockScenario(reply: "late", headDelayMilliseconds: 20_000))
        let result = try await bench.ask()
        #expect(result.status == 1)
        #expect(result.stderr.contains("no response from 127.0.0.1 within 1 s"), "\(result.stderr)")
    }

    @Test("a stall mid-stream beyond idle_timeout: the partial reply kept, interrupted, the timeout named")
    func stallMidStream() async throws {
        let bench = try await FaultBench.start(config: "[network]\nidle_timeout = 3\nretry_delay = 0.05\n")
        defer { Task { await bench.shutdown() } }
        bench.server.enqueue(MockScenario(reply: "one two three four", anomaly: StreamAnomaly(.stall, afterTokens: 2)))
        let result = try await bench.ask()
        #expect(result.status == 1)
        #expect(result.stdout == "one two \n")
        #expect(result.stderr.contains("no data arrived for 3 s (idle timeout)"))
        #expect(bench.chatRequests == 1, "never retried once text arrived")
        let saved = try await bench.savedMessages()
        #expect(saved.last?["content"] as? String == "one two ")
        #expect(saved.last?["status"] as? String == "interrupted")
    }

    @Test("cut after N tokens: the partial reply kept and marked interrupted, not retried")
    func cutAfterTokens() async throws {
        let bench = try await FaultBench.start()
        defer { Task { await bench.shutdown() } }
        bench.server.enqueue(MockScenario(reply: "one two three four", cutAfterTokens: 3), MockScenario(reply: "duplicate"))
        let result = try await bench.ask()
        #expect(result.status == 1)
        #expect(result.stdout == "one two three \n")
        #expect(bench.chatRequests == 1)
        let saved = try await bench.savedMessages()
        #expect(saved.last?["content"] as? String == "one two three ")
        #expect(saved.last?["status"] as? String == "interrupted")
    }

    @Test("a malformed JSON event: skipped with a warning, the rest of the reply kept")
    func malformedEvent() async throws {
        let bench = try await FaultBench.start()
        defer { Task { await bench.shutdown() } }
        bench.server.enqueue(MockScenario(reply: "one two three four", anomaly: StreamAnomaly(.malformedJSON, afterTokens: 2)))
        let result = try await bench.ask()
        #expect(result.status == 0)
        #expect(result.stdout == "one two three four\n")
        #expect(result.stderr.contains("could not be read and were skipped"))
        #expect(try await bench.savedMessages().last?["status"] as? String == "complete")
    }

    @Test("bytes that are not UTF-8: shown as U+FFFD, the reply complete")
    func invalidUTF8() async throws {
        let bench = try await FaultBench.start()
        defer { Task { await bench.shutdown() } }
        bench.server.enqueue(MockScenario(reply: "one two", anomaly: StreamAnomaly(.invalidUTF8, afterTokens: 1)))
        let result = try await bench.ask()
        #expect(result.status == 0)
        #expect(result.stdout == "one bad\u{FFFD}\u{FFFD}\u{FFFD}bytes two\n")
        #expect(try await bench.savedMessages().last?["content"] as? String == "one bad\u{FFFD}\u{FFFD}\u{FFFD}bytes two")
    }

    @Test("an error event inside the stream after text: the text kept, the server's message shown, not retried")
    func inStreamError() async throws {
        let bench = try await FaultBench.start()
        defer { Task { await bench.shutdown() } }
        bench.server.enqueue(MockScenario(reply: "one two three", anomaly: StreamAnomaly(.streamError, afterTokens: 2)),
                             MockScenario(reply: "duplicate"))
        let result = try await bench.ask()
        #expect(result.status == 1)
        #expect(result.stdout == "one two \n")
        #expect(result.stderr.contains("engine_overloaded_error"))
        #expect(bench.chatRequests == 1)
        #expect(try await bench.savedMessages().last?["status"] as? String == "interrupted")
    }

    @Test("a 1 MB line arrives whole and is saved whole")
    func megabyteLine() async throws {
        let bench = try await FaultBench.start()
        defer { Task { await bench.shutdown() } }
        bench.server.enqueue(MockScenario(reply: "start end", anomaly: StreamAnomaly(.hugeLine, afterTokens: 1, bytes: 1 << 20)))
        let result = try await bench.ask()
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout.utf8.count > 1 << 20)
        #expect(result.stdout.hasSuffix("长end\n"))
        let saved = try await bench.savedMessages().last?["content"] as? String ?? ""
        #expect(saved.utf8.count > 1 << 20)
    }

    @Test("an endless line: stopped at the bound with a clear message, the text before it kept")
    func endlessLine() async throws {
        let bench = try await FaultBench.start()
        defer { Task { await bench.shutdown() } }
        bench.server.enqueue(MockScenario(reply: "one two", anomaly: StreamAnomaly(.endlessLine, afterTokens: 1)))
        let result = try await bench.ask()
        #expect(result.status == 1)
        #expect(result.stdout == "one \n")
        #expect(result.stderr.contains("exceeded 8 MiB"))
        #expect(try await bench.savedMessages().last?["status"] as? String == "interrupted")
    }

    @Test("the API key appears in no message, log line, database row or export, even when the server echoes it")
    func keyNeverLeaks() async throws {
        let bench = try await FaultBench.start()
        defer { Task { await bench.shutdown() } }
        bench.server.enqueue(MockScenario(httpError: .init(status: 403, type: "permission_denied_error",
                                                           message: "key \(FaultBench.key) may not use this model")))
        let result = try await bench.ask()
        #expect(result.status == 1)
        #expect(!result.stderr.contains(FaultBench.key))
        #expect(result.stderr.contains("sk-…9876"))
        let id = try #require(try await bench.home.conversations().first?["id"] as? Int)
        for format in ["json", "md"] {
            let export = try await bench.home.run(["export", String(id), "--format", format])
            #expect(!export.stdout.contains(FaultBench.key))
        }
        let database = try Data(contentsOf: URL(fileURLWithPath: bench.home.databasePath))
        #expect(database.range(of: Data(FaultBench.key.utf8)) == nil)
        let log = try String(contentsOf: bench.home.directory.appendingPathComponent("kimichat/kimichat.log"), encoding: .utf8)
        #expect(log.contains("HTTP 403"))
        #expect(!log.contains(FaultBench.key))
    }

    @Test("a config file holding the key that others can read gets a warning; the key in it works")
    func configKeyPermissions() async throws {
        let bench = try await FaultBench.start(config: "api_key = \"\(FaultBench.key)\"\n")
        defer { Task { await bench.shutdown() } }
        let path = bench.home.directory.appendingPathComponent("config/kimichat/config.toml").path
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
        bench.server.enqueue(MockScenario(reply: "ok"), MockScenario(reply: "ok"))
        let args = ["ask", "--base-url", bench.server.baseURL, "--model", "moonshot-v1-8k", "hi"]
        var result = try await bench.home.run(args)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout == "ok\n")
        #expect(result.stderr.contains("holds your API key and other users can read it (mode 644)"))
        #expect(result.stderr.contains("chmod 600"))
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        result = try await bench.home.run(args)
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)

        // A link to a private file (as dotfile managers make) is judged by the file.
        let target = bench.home.directory.appendingPathComponent("dotfiles-config.toml").path
        try FileManager.default.moveItem(atPath: path, toPath: target)
        try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: target)
        bench.server.enqueue(MockScenario(reply: "ok"))
        result = try await bench.home.run(args)
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty, "\(result.stderr)")
    }
}
