import Foundation
import MockMoonshot
import Testing
import TestSupport

/// `kimichat ask`: one turn on stdout, errors on stderr with a non-zero exit.
@Suite("kimichat ask")
struct AskCommandTests {
    /// A home of the test's own (`KimichatHome`), removed when the test ends.
    let home: KimichatHome

    init() throws {
        home = try KimichatHome()
    }

    private func environment(_ extra: [String: String] = [:]) throws -> [String: String] {
        home.environment(extra)
    }

    @Test("ask --demo prints the mock's reply on stdout and exits 0")
    func demo() async throws {
        let result = try await ProcessRunner.run(try Binaries.kimichat, ["ask", "--demo", "hi"], environment: try environment())
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout.hasPrefix("You said “hi”. This is reply 1 from kimichat's offline demo server"))
        #expect(result.stdout.hasSuffix("\n"))
        #expect(result.stderr.isEmpty)
    }

    @Test("the prompt can come from stdin")
    func stdinPrompt() async throws {
        let result = try await ProcessRunner.run(try Binaries.kimichat, ["ask", "--demo"], environment: try environment(),
                                           stdin: "What is 1+1?\n")
        #expect(result.status == 0)
        #expect(result.stdout.contains("You said “What is 1+1?”"))
    }

    @Test("--no-stream waits for the whole reply: the request says `\"stream\": false`")
    func noStream() async throws {
        let result = try await ProcessRunner.run(try Binaries.kimichat, ["ask", "--demo", "--no-stream", "whole"],
                                           environment: try environment())
        #expect(result.status == 0)
        #expect(result.stdout.contains("You said “whole”"))
        let body = try #require(try RequestLog.bodies(at: home.requestLogPath).last)
        #expect(body["stream"] as? Bool == false, "\(body)")
        #expect(body["stream_options"] == nil)
    }

    @Test("no key: the message says how to set it, on stderr, exit 1")
    func noKey() async throws {
        let result = try await ProcessRunner.run(try Binaries.kimichat, ["ask", "hi"], environment: try environment())
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("MOONSHOT_API_KEY"))
    }

    @Test("a wrong key: the server's 401 message on stderr, exit 1", .timeLimit(.minutes(1)))
    func wrongKey() async throws {
        var configuration = MockMoonshotServer.Configuration()
        configuration.acceptedKey = "sk-right"
        let server = try await MockMoonshotServer.start(configuration)
        let result = try await ProcessRunner.run(try Binaries.kimichat, ["ask", "--base-url", server.baseURL, "hi"],
                                           environment: try environment(["MOONSHOT_API_KEY": "sk-wrong"]))
        try await server.shutdown()
        #expect(result.status == 1)
        #expect(result.stderr.contains("401"))
        #expect(result.stderr.contains("Invalid Authentication"))
        #expect(!result.stderr.contains("sk-wrong"), "the key never appears in messages")
    }

    @Test("a key read from a file with a trailing CR/LF still works", .timeLimit(.minutes(1)))
    func keyWithLineEnd() async throws {
        var configuration = MockMoonshotServer.Configuration()
        configuration.acceptedKey = "sk-right"
        let server = try await MockMoonshotServer.start(configuration)
        server.enqueue(MockScenario(reply: "ok"))
        let result = try await ProcessRunner.run(try Binaries.kimichat, ["ask", "--base-url", server.baseURL, "--model", "moonshot-v1-8k", "hi"],
                                                 environment: try environment(["MOONSHOT_API_KEY": "sk-right\r\n"]))
        try await server.shutdown()
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout == "ok\n")
    }

    @Test("MOONSHOT_BASE_URL and --model reach the request", .timeLimit(.minutes(1)))
    func baseURLFromEnvironment() async throws {
        let server = try await MockMoonshotServer.start()
        server.enqueue(MockScenario(reply: "pong"))
        let result = try await ProcessRunner.run(try Binaries.kimichat, ["ask", "--model", "moonshot-v1-8k", "ping"],
                                           environment: try environment(["MOONSHOT_API_KEY": "sk-x",
                                                                         "MOONSHOT_BASE_URL": server.baseURL]))
        try await server.shutdown()
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout == "pong\n")
        #expect(server.requests.last?.json?["model"] as? String == "moonshot-v1-8k")
    }

    @Test("a reply cut mid-stream: what arrived is printed, the error goes to stderr, exit 1", .timeLimit(.minutes(1)))
    func cutMidReply() async throws {
        let server = try await MockMoonshotServer.start()
        server.enqueue(MockScenario(reply: "one two three four", cutAfterTokens: 2))
        let result = try await ProcessRunner.run(try Binaries.kimichat, ["ask", "--base-url", server.baseURL, "--model", "moonshot-v1-8k", "x"],
                                           environment: try environment(["MOONSHOT_API_KEY": "sk-x"]))
        try await server.shutdown()
        #expect(result.status == 1)
        #expect(result.stdout.hasPrefix("one two "))
        #expect(result.stderr.contains("cut off"))
    }
}
