import Foundation
import MockMoonshot
import Testing
import TestSupport

/// The conversation commands, with conversations made by `kimichat ask --demo` (so they
/// live in the demo's own database, which the commands read with `--demo`).
@Suite("kimichat list, show, export, rm, and ask's saving")
struct ConversationCommandTests {
    let home: KimichatHome

    init() throws {
        home = try KimichatHome()
    }

    private func ask(_ arguments: String...) async throws -> ProcessResult {
        let result = try await home.run(["ask", "--demo"] + arguments)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        return result
    }

    private func messages(of id: Int) async throws -> [[String: Any]] {
        try await home.export(id, demo: true)["messages"] as? [[String: Any]] ?? []
    }

    @Test("ask saves its turn; --continue adds to the latest; --conversation to a chosen one; --no-save nothing")
    func askSaves() async throws {
        _ = try await ask("What is 1+1?")
        var list = try await home.conversations(demo: true)
        #expect(list.count == 1)
        #expect(list.first?["title"] as? String == "What is 1+1?")
        #expect(list.first?["message_count"] as? Int == 2)
        let first = try #require(list.first?["id"] as? Int)

        _ = try await ask("--continue", "And 2+2?")
        let requests = try RequestLog.chatMessages(at: home.requestLogPath)
        #expect(requests.last?.map(\.content).first == "What is 1+1?", "the earlier turn went along")
        #expect(requests.last?.count == 3)

        _ = try await ask("Another topic")
        _ = try await ask("--conversation", String(first), "Back to sums")
        let unsaved = try await home.run(["ask", "--demo", "--no-save", "not kept"])
        #expect(unsaved.status == 0, "stderr: \(unsaved.stderr)")
        #expect(unsaved.stdout.hasPrefix("You said “not kept”."), "\(unsaved.stdout)")
        list = try await home.conversations(demo: true)
        #expect(list.count == 2)
        #expect(list.first?["id"] as? Int == first, "the conversation written to last is first")
        let contents = try await messages(of: first).compactMap { $0["content"] as? String }
        #expect(contents.count == 6)
        #expect(contents[0] == "What is 1+1?")
        #expect(contents[2] == "And 2+2?")
        #expect(contents[4] == "Back to sums")
        #expect(try await messages(of: first).allSatisfy { $0["status"] as? String == "complete" })
    }

    @Test("list shows id, updated, messages, model and title")
    func listTable() async throws {
        #expect(try await home.run(["list"]).stdout == "No saved conversations.\n")
        _ = try await ask("--model", "kimi-k3", "你好，世界")
        let output = try await home.run(["list", "--demo"]).stdout
        var lines = output.split(separator: "\n")
        #expect(lines.first == "The demo's conversations (in \(home.demoDatabasePath), apart from your real ones):")
        lines.removeFirst()
        #expect(lines.first?.hasPrefix("ID    UPDATED           MSGS  MODEL") == true)
        #expect(lines.count == 2)
        #expect(lines[1].hasPrefix("1 "))
        #expect(lines[1].contains(" 2 "))
        #expect(lines[1].contains("kimi-k3"))
        #expect(lines[1].hasSuffix("你好，世界"))
    }

    @Test("show prints the transcript as plain text; export gives Markdown and JSON")
    func showAndExport() async throws {
        _ = try await ask("Tell me about *stars*")
        let shown = try await home.run(["show", "1", "--demo"])
        #expect(shown.status == 0)
        #expect(shown.stdout.hasPrefix("Tell me about *stars*\nconversation 1 · kimi-k2.6 · 2 messages"))
        #expect(shown.stdout.contains("\nYou:\n  Tell me about *stars*\n"))
        #expect(shown.stdout.contains("\nKimi (kimi-k2.6):\n"))
        #expect(shown.stdout.contains("  You said “Tell me about *stars*”."))

        let markdown = try await home.run(["export", "1", "--format", "md", "--demo"]).stdout
        #expect(markdown.hasPrefix("# Tell me about *stars*\n\n*kimi-k2.6 · 2 messages · updated "))
        #expect(markdown.contains("\n## You\n\nTell me about *stars*\n"))
        #expect(markdown.contains("\n## Kimi (kimi-k2.6)\n\n<details><summary>Thinking</summary>\n\n"))

        let json = try await home.export(1, demo: true)
        #expect(json["title"] as? String == "Tell me about *stars*")
        #expect(json["model"] as? String == "kimi-k2.6")
        let messages = try #require(json["messages"] as? [[String: Any]])
        #expect(messages.map { $0["role"] as? String } == ["user", "assistant"])
        #expect(messages[1]["status"] as? String == "complete")
        #expect(messages[1]["finish_reason"] as? String == "stop")
        #expect((messages[1]["reasoning_content"] as? String)?.isEmpty == false)
        #expect((messages[1]["usage"] as? [String: Any])?["completion_tokens"] as? Int ?? 0 > 0)

        let file = home.directory.appendingPathComponent("out.md").path
        let written = try await home.run(["export", "1", "--format", "md", "-o", file, "--demo"])
        #expect(written.status == 0)
        #expect(written.stdout.isEmpty)
        #expect(try String(contentsOfFile: file, encoding: .utf8) == markdown)
    }

    @Test("rm deletes; unknown ids fail with a clear message")
    func remove() async throws {
        _ = try await ask("delete me")
        let removed = try await home.run(["rm", "1", "--demo"])
        #expect(removed.status == 0)
        #expect(removed.stdout.contains("Deleted conversation 1 “delete me”"))
        #expect(try await home.conversations(demo: true).isEmpty)
        for command in [["rm", "1", "--demo"], ["show", "1", "--demo"], ["export", "1", "--demo"]] {
            let result = try await home.run(command)
            #expect(result.status == 1)
            #expect(result.stderr == "kimichat: There is no conversation 1. `kimichat list` shows them.\n")
        }
    }

    @Test("--db chooses the file (and --demo its own demo.sqlite beside it); a file that is not a database is refused and left as it was")
    func damagedDatabase() async throws {
        let folder = home.directory.appendingPathComponent("elsewhere").path
        let path = folder + "/other.sqlite"
        _ = try await ask("--db", path, "elsewhere")
        #expect(try await home.run(["list", "--demo", "--db", path]).stdout.contains("elsewhere"))
        #expect(FileManager.default.fileExists(atPath: folder + "/demo.sqlite"), "the demo's file beside --db")
        #expect(!FileManager.default.fileExists(atPath: path), "the demo never wrote the real database")
        #expect(try await home.conversations(demo: true).isEmpty)

        let key = ["MOONSHOT_API_KEY": "sk-test"]
        let server = try await MockMoonshotServer.start()
        defer { Task { try? await server.shutdown() } }
        let garbage = Data(String(repeating: "not a database ", count: 400).utf8)
        for database in [home.databasePath, home.demoDatabasePath] {
            try garbage.write(to: URL(fileURLWithPath: database))
        }
        for arguments in [["list"], ["ask", "--base-url", server.baseURL, "hi"], ["list", "--demo"], ["ask", "--demo", "hi"],
                          ["--demo"]] {
            let result = try await home.run(arguments, environment: key)
            #expect(result.status == 1, "\(arguments)")
            #expect(result.stderr.contains("is damaged or is not a kimichat database"), "\(arguments): \(result.stderr)")
        }
        for database in [home.databasePath, home.demoDatabasePath] {
            #expect(try Data(contentsOf: URL(fileURLWithPath: database)) == garbage)
        }
    }

    @Test("the API key is never written to the database", .timeLimit(.minutes(1)))
    func keyNotStored() async throws {
        var configuration = MockMoonshotServer.Configuration()
        configuration.acceptedKey = "sk-secret-never-stored"
        let server = try await MockMoonshotServer.start(configuration)
        let result = try await home.run(["ask", "--base-url", server.baseURL, "hello"],
                                        environment: ["MOONSHOT_API_KEY": "sk-secret-never-stored"])
        try await server.shutdown()
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: home.directory.appendingPathComponent("kimichat").path)
        #expect(files.contains("kimichat.sqlite"))
        for file in files {
            let data = try Data(contentsOf: home.directory.appendingPathComponent("kimichat/\(file)"))
            #expect(data.range(of: Data("sk-secret".utf8)) == nil, "\(file) holds the key")
            #expect(data.range(of: Data("never-stored".utf8)) == nil, "\(file) holds the key")
        }
    }
}
