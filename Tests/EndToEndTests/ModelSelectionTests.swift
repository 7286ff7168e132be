import Foundation
import MockMoonshot
import Testing
import TestSupport

/// Choosing models from the keyboard, thinking replies, `kimichat models` and the config file.
@Suite("Models in a terminal and on the command line", .serialized)
struct ModelSelectionTests {
    let home: KimichatHome

    init() throws {
        home = try KimichatHome()
    }

    @Test("Ctrl-T, a filter, Enter: the next request uses that model, and so does the conversation after a relaunch",
          .timeLimit(.minutes(2)))
    func pickAModel() async throws {
        let session = try home.launch("--demo", environment: ["KIMICHAT_DEMO_PACE_MS": "1"])
        try await session.waitFor("Demo mode")
        try session.press("C-t")
        try await session.waitFor("Models ·")
        try session.type("v18")
        try await session.waitFor("▸   moonshot-v1-8k")
        try session.press("Enter")
        try await session.waitFor("now uses moonshot-v1-8k")
        try session.type("Hello there")
        try session.press("Enter")
        try await session.waitUntil("the reply to finish") { $0.contains("This is reply 1") && $0.contains("ready") }
        #expect(try RequestLog.models(at: home.requestLogPath) == ["moonshot-v1-8k"])
        #expect(try RequestLog.bodies(at: home.requestLogPath).last?["max_completion_tokens"] as? Int == 2_048)
        try session.press("C-q")
        try await session.waitFor("[exited 0]")
        session.kill()

        let again = try home.launch("--demo", environment: ["KIMICHAT_DEMO_PACE_MS": "1"])
        let screen = try await again.waitFor("This is reply 1")
        #expect(screen.contains(" moonshot-v1-8k (demo)"), "the reopened conversation keeps its model")
        try again.type("Still you?")
        try again.press("Enter")
        try await again.waitUntil("the second reply") { $0.contains("This is reply 2") && $0.contains("ready") }
        #expect(try RequestLog.models(at: home.requestLogPath) == ["moonshot-v1-8k", "moonshot-v1-8k"])
        try again.press("C-q")
        try await again.waitFor("[exited 0]")
        let saved = try await home.conversations(demo: true)
        #expect(saved.first?["model"] as? String == "moonshot-v1-8k")
    }

    @Test("a thinking model's reply: the thinking streams first, then folds to one line above the answer",
          .timeLimit(.minutes(2)))
    func thinkingReply() async throws {
        let session = try home.launch("--demo --model kimi-k3", environment: ["KIMICHAT_DEMO_PACE_MS": "60"])
        try await session.waitFor("Demo mode")
        try session.type("Think first")
        try session.press("Enter")
        try await session.waitUntil("the thinking to stream under its timer") {
            $0.contains("thinking…") && $0.contains("│ The user wrote")
        }
        let answered = try await session.waitUntil("the answer and the folded thinking") {
            $0.contains("▸ thought for") && $0.contains("You said “Think first”")
        }
        #expect(!answered.contains("│ The user wrote"), "folded once the answer started")
        try session.press("M-t")
        try await session.waitFor("│ The user wrote")
        try session.press("C-q")
        try await session.waitFor("[exited 0]")
    }

    @Test("kimichat models: the endpoint's models merged with the catalogue; offline from the cache; failures are quiet",
          .timeLimit(.minutes(1)))
    func modelsCommand() async throws {
        let server = try await MockMoonshotServer.start()
        let key = ["MOONSHOT_API_KEY": "sk-test"]
        let fetched = try await home.run(["models", "--json", "--base-url", server.baseURL], environment: key)
        #expect(fetched.status == 0, "stderr: \(fetched.stderr)")
        let models = try JSONSerialization.jsonObject(with: Data(fetched.stdout.utf8)) as? [[String: Any]] ?? []
        let offered = models.filter { $0["offered"] as? Bool == true }.compactMap { $0["id"] as? String }
        #expect(offered == MockModel.catalogue.map(\.id))
        #expect(models.count > offered.count, "catalogue models the endpoint does not offer are listed too")
        #expect(models.first { $0["id"] as? String == "kimi-k3" }?["context_length"] as? Int == 1_048_576)
        try await server.shutdown()

        // The endpoint is gone: the list fetched a moment ago is still fresh.
        let cached = try await home.run(["models", "--base-url", server.baseURL], environment: key)
        #expect(cached.status == 0)
        #expect(cached.stdout.contains("kimi-k2.7-code"))
        #expect(cached.stderr.isEmpty)

        // A day later the cache is stale and the fetch fails: the old list, and a quiet note.
        let cachePath = home.directory.appendingPathComponent("cache/kimichat/models.json").path
        let fresh = try String(contentsOfFile: cachePath, encoding: .utf8)
        let stale = fresh.replacingOccurrences(of: #""fetchedAt" : "[^"]*""#, with: #""fetchedAt" : "2020-01-01T00:00:00Z""#,
                                               options: .regularExpression)
        #expect(stale != fresh)
        try stale.write(toFile: cachePath, atomically: true, encoding: .utf8)
        let old = try await home.run(["models", "--json", "--base-url", server.baseURL], environment: key)
        #expect(old.status == 0)
        #expect(old.stderr.contains("showing the list fetched earlier"))
        let oldModels = try JSONSerialization.jsonObject(with: Data(old.stdout.utf8)) as? [[String: Any]] ?? []
        #expect(oldModels.filter { $0["offered"] as? Bool == true }.count == MockModel.catalogue.count)

        // Another endpoint, unreachable, never cached: the catalogue, and a quiet note.
        let offline = try await home.run(["models", "--base-url", "http://127.0.0.1:\(try Loopback.refusedPort())/v1"],
                                         environment: key)
        #expect(offline.status == 0)
        #expect(offline.stdout.hasPrefix("MODEL"))
        #expect(offline.stdout.contains("moonshot-v1-8k"))
        #expect(offline.stderr.contains("Could not fetch the endpoint's models; showing the bundled catalogue."))
    }

    @Test("config.toml sets the default model and keep_rounds; a broken one is refused clearly")
    func configFile() async throws {
        let config = home.directory.appendingPathComponent("kimichat.toml").path
        try "model = \"moonshot-v1-32k\"\n[history]\nkeep_rounds = 1\n".write(toFile: config, atomically: true, encoding: .utf8)
        for question in ["first", "second", "third"] {
            let result = try await home.run(["ask", "--demo", "--config", config, "--continue", question])
            #expect(result.status == 0, "stderr: \(result.stderr)")
        }
        let requests = try RequestLog.chatMessages(at: home.requestLogPath)
        #expect(try RequestLog.models(at: home.requestLogPath).allSatisfy { $0 == "moonshot-v1-32k" })
        #expect(requests.last?.map(\.content).first == "second", "only the last round went along")
        #expect(requests.last?.count == 3)

        try "model = 42\n".write(toFile: config, atomically: true, encoding: .utf8)
        let wrongType = try await home.run(["ask", "--demo", "--config", config, "hi"])
        #expect(wrongType.status == 1)
        #expect(wrongType.stderr.contains("model must be a string"))
        try "model = \"x\"\nmodle = 1\n".write(toFile: config, atomically: true, encoding: .utf8)
        let typo = try await home.run(["ask", "--demo", "--config", config, "hi"])
        #expect(typo.stderr.contains("unknown setting “modle”"))
        try "model = \n".write(toFile: config, atomically: true, encoding: .utf8)
        let broken = try await home.run(["ask", "--demo", "--config", config, "hi"])
        #expect(broken.status == 1)
        #expect(broken.stderr.contains("line 1"))
        try "theme = \"purple\"\n".write(toFile: config, atomically: true, encoding: .utf8)
        let theme = try await home.run(["ask", "--demo", "--config", config, "hi"])
        #expect(theme.stderr.contains("theme must be \"dark\" or \"light\""))
        let missing = try await home.run(["ask", "--demo", "--config",
                                          home.directory.appendingPathComponent("nope.toml").path, "hi"])
        #expect(missing.stderr.contains("does not exist"))
    }
}
