import Foundation
@testable import kimichat
import MockMoonshot
import Testing
import TestSupport

/// Issue 18's rough edges of the command line: blank prompts, contradictory flags, a
/// search with no hit, offered models without a key, JSON names that agree, and the
/// thinking line of `ask` on a terminal.
@Suite("The command line's rough edges")
struct CommandLineEdgesTests {
    let home: KimichatHome

    init() throws {
        home = try KimichatHome()
    }

    @Test("the log's timestamps are ISO 8601 in UTC to the millisecond, without Foundation's date formatting")
    func logTimestamps() {
        #expect(FileLogHandler.timestamp(timespec(tv_sec: 1_795_775_959, tv_nsec: 832_400_000)) == "2026-11-27T10:39:19.832Z")
        #expect(FileLogHandler.timestamp(timespec(tv_sec: 0, tv_nsec: 7_000_000)) == "1970-01-01T00:00:00.007Z")
        #expect(FileLogHandler.timestamp(timespec(tv_sec: 951_782_400, tv_nsec: 45_000_000)) == "2000-02-29T00:00:00.045Z")
    }

    @Test("a blank prompt, --continue with --conversation, --demo with --base-url: refused with a message")
    func refusals() async throws {
        let blank = try await home.run(["ask", "--demo", "  ", ""])
        #expect(blank.status == 1)
        #expect(blank.stderr.contains("give a prompt"), "\(blank.stderr)")
        let both = try await home.run(["ask", "--demo", "--continue", "--conversation", "1", "hi"])
        #expect(both.status == 1)
        #expect(both.stderr.contains("--continue and --conversation both choose the conversation"), "\(both.stderr)")
        let demoURL = try await home.run(["ask", "--demo", "--base-url", "https://example.com/v1", "hi"])
        #expect(demoURL.status != 0)
        #expect(demoURL.stderr.contains("--demo uses kimichat's built-in server"), "\(demoURL.stderr)")
    }

    @Test("list --search with no hit says so; list --json counts as message_count, as export names its array messages")
    func listWording() async throws {
        _ = try await home.run(["ask", "--demo", "hello there"])
        let none = try await home.run(["list", "--demo", "--search", "pomegranate"])
        #expect(none.stdout.contains("No conversation matches pomegranate."), "\(none.stdout)")
        let listed = try await home.conversations(demo: true)
        #expect(listed.first?["message_count"] as? Int == 2)
        #expect(listed.first?["messages"] == nil)
        let exported = try await home.export(listed.first?["id"] as? Int ?? 0, demo: true)
        #expect((exported["messages"] as? [[String: Any]])?.count == 2)
    }

    @Test("config errors in words, every one at once, in the file's order; --db naming a folder says so")
    func configWording() async throws {
        func failure(_ text: String) -> String {
            do {
                _ = try ConfigFile.parse(text, path: "config.toml")
                return ""
            } catch {
                return "\(error)"
            }
        }
        #expect(failure("model = \"abc\n") == "config.toml line 1: unterminated string (a string ends on the line it "
            + "starts; use \"\"\" for several lines)")
        #expect(failure("x = [\n") == "config.toml line 1: unterminated array (a [ without its ])")
        #expect(failure("model = \"a\"\nmodel = \"b\"\n") == "config.toml line 2: “model” is set twice")
        let many = failure("model = 3\ntheme = \"blue\"\ncolour = 1\n")
        #expect(many == "3 problems in the config file:\n  config.toml line 1: model must be a string in quotes.\n"
            + "  config.toml line 2: theme must be \"dark\" or \"light\", not “blue”.\n"
            + "  config.toml line 3: unknown setting “colour” (known: api_key, base_url, history, keys, model, network, "
            + "presets, system_prompt, theme, ui).", "\(many)")
        let folder = try await home.run(["list", "--db", home.directory.path])
        #expect(folder.status == 1)
        #expect(folder.stderr.contains("it is a folder; --db names the database file itself"), "\(folder.stderr)")
        // Under a file: a path whose folder is a file.
        let file = home.directory.appendingPathComponent("notes.txt").path
        try "notes".write(toFile: file, atomically: true, encoding: .utf8)
        let under = try await home.run(["ask", "--demo", "--db", file + "/chats.sqlite", "hi"])
        #expect(under.status == 1)
        #expect(under.stderr.contains("a part of the path is a file, not a folder"), "\(under.stderr)")
        #expect(ReadableMessage.problems(in: under.stderr).isEmpty, "\(under.stderr)")
    }

    @Test("models without a key: whether each is offered is unknown, not no")
    func modelsWithoutKey() async throws {
        let table = try await home.run(["models"])
        #expect(table.stdout.contains("unknown"), "\(table.stdout)")
        #expect(!table.stdout.split(separator: "\n").dropFirst().contains { $0.contains(" no ") && $0.hasPrefix("kimi-k2.6") })
        let json = try await home.run(["models", "--json"])
        let entries = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]] ?? []
        #expect(entries.first?["offered"] is NSNull)
    }

    @Test("on a terminal ask shows a dim thinking… on stderr while the model reasons, gone once the answer prints",
          .timeLimit(.minutes(2)))
    func thinkingLine() async throws {
        // Everything the terminal was sent, in order, rather than a look at the screen at the
        // right moment (which a loaded machine missed): ask starts once tmux records the pane.
        let go = home.directory.appendingPathComponent("go").path
        let log = home.directory.appendingPathComponent("pane.log").path
        let session = try TmuxSession(command: "while [ ! -e \(go) ]; do sleep 0.05; done; \(try Binaries.kimichat) ask --demo hi",
                                      environment: home.environment(["KIMICHAT_DEMO_PACE_MS": "20"]))
        try session.recordOutput(to: log)
        _ = FileManager.default.createFile(atPath: go, contents: nil)
        let screen = try await session.waitFor("[exited 0]", timeout: .seconds(60))
        #expect(screen.contains("You said “hi”"))
        #expect(!screen.contains("thinking…"), "\(screen)")
        var sent = ""
        try await Polling.until("the pane's output recorded") {
            sent = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            return sent.contains("[exited 0]")
        }
        let shown = try #require(sent.range(of: "\u{1B}[2mthinking…\u{1B}[0m"), "\(sent.debugDescription)")
        let cleared = try #require(sent.range(of: "\r\u{1B}[K", range: shown.upperBound..<sent.endIndex))
        let answer = try #require(sent.range(of: "You said"))
        #expect(shown.upperBound <= cleared.lowerBound && cleared.upperBound <= answer.lowerBound,
                "dim thinking…, cleared, then the answer")
    }
}

@Suite("A mistyped command")
struct MistypedCommandTests {
    @Test("kimichat lst suggests list; a word far from every command is not second-guessed")
    func suggestion() async throws {
        let home = try KimichatHome()
        let typo = try await home.run(["lst"])
        #expect(typo.status == 64)
        #expect(typo.stderr.contains("there is no command “lst”; did you mean “list”?"), "\(typo.stderr)")
        #expect(CommandSuggestion.nearest(to: "modles", among: Kimichat.commandNames) == "models")
        #expect(CommandSuggestion.nearest(to: "xyzzy", among: Kimichat.commandNames) == nil)
        #expect(CommandSuggestion.nearest(to: "--demo", among: Kimichat.commandNames) == nil)
        #expect(CommandSuggestion.nearest(to: "ask", among: Kimichat.commandNames) == nil)
    }
}

@Suite("Help")
struct HelpTests {
    @Test("kimichat --help shows the chat's own options beside the commands; each command's help only the options it reads")
    func helpListsWhatIsUsed() async throws {
        let home = try KimichatHome()
        let root = try await home.run(["--help"])
        #expect(root.status == 0)
        for option in ["--demo", "--new", "--model", "--preset", "--base-url", "--system", "--db", "--config"] {
            #expect(root.stdout.contains(option), "\(option) in:\n\(root.stdout)")
        }
        for command in ["ask", "list", "doctor", "models"] {
            #expect(root.stdout.contains("  \(command) "), "\(command) in:\n\(root.stdout)")
        }

        let remove = try await home.run(["rm", "--help"])
        #expect(remove.stdout.contains("--db") && remove.stdout.contains("--demo"), "\(remove.stdout)")
        for unused in ["--system", "--model", "--base-url", "--config"] {
            #expect(!remove.stdout.contains(unused), "rm --help lists \(unused):\n\(remove.stdout)")
        }
        let keys = try await home.run(["keys", "--help"])
        #expect(keys.stdout.contains("--config"))
        #expect(!keys.stdout.contains("--db") && !keys.stdout.contains("--system"), "\(keys.stdout)")
        let models = try await home.run(["models", "--help"])
        #expect(!models.stdout.contains("--db") && !models.stdout.contains("--system"), "\(models.stdout)")
        let ask = try await home.run(["ask", "--help"])
        #expect(ask.stdout.contains("--system") && ask.stdout.contains("--conversation"))
        let chat = try await home.run(["--demo", "--base-url", "http://127.0.0.1:9/v1"])
        #expect(chat.status == 64 && chat.stderr.contains("cannot be combined with --base-url"), "\(chat.stderr)")
    }
}
