import ChatCore
import ChatDomain
import Foundation
@testable import kimichat
import MockMoonshot
import Testing
import TestSupport

/// `[presets.NAME]` in config.toml: read with every key, refused with the line of what
/// is wrong; `--preset` for the chat and `ask`; Ctrl-N's chooser in tmux.
@Suite("Presets")
struct PresetTests {
    static let config = """
        model = "kimi-k2.6"

        [presets.poet]
        model = "moonshot-v1-8k"
        system_prompt = "Answer in verse."
        temperature = 0.3
        top_p = 0.9
        max_tokens = 1024
        keep_rounds = 3

        [presets.researcher]
        thinking = false
        web_search = true
        reasoning_effort = "low"
        """

    @Test("every key of a preset is read; the preset names itself in its settings")
    func parsed() throws {
        let config = try ConfigFile.parse(Self.config, path: "config.toml")
        #expect(config.presets.map(\.name) == ["poet", "researcher"])
        let poet = config.presets[0]
        #expect(poet.model == "moonshot-v1-8k")
        #expect(poet.settings == ConversationSettings(systemPrompt: "Answer in verse.", temperature: 0.3, topP: 0.9,
                                                      maxTokens: 1024, historyRounds: 3, preset: "poet"))
        #expect(config.presets[1].webSearch == true)
        #expect(config.presets[1].settings.thinking == false)
        #expect(config.presets[1].settings.reasoningEffort == .low)
    }

    @Test("presets keep the file's order; a header's comment and a [ line inside a multi-line prompt do not move lines")
    func orderAndLines() throws {
        let quotes = String(repeating: "\"", count: 3)
        let text = ["[presets.zeta]   # last letter, first preset", "system_prompt = " + quotes, "[not a table]", quotes,
                    "[presets.alpha]", "temperature = 5"].joined(separator: "\n")
        do {
            _ = try ConfigFile.parse(text, path: "config.toml")
            Issue.record("accepted")
        } catch {
            #expect("\(error)".contains("config.toml line 6: presets.alpha.temperature"), "\(error)")
        }
        let good = try ConfigFile.parse(text.replacingOccurrences(of: "temperature = 5", with: "temperature = 0.5"),
                                        path: "config.toml")
        #expect(good.presets.map(\.name) == ["zeta", "alpha"])
    }

    @Test("[ui] mouse = false is read; a wrong value or an unknown [ui] setting is refused with its line")
    func uiMouse() throws {
        #expect(try ConfigFile.parse("[ui]\nmouse = false\n", path: "config.toml").mouse == false)
        #expect(try ConfigFile.parse("", path: "config.toml").mouse == true)
        for (text, message) in [("[ui]\n\nmouse = 3\n", "line 3: ui.mouse must be true or false"),
                                ("[ui]\ncolours = 2\n", "line 2: unknown setting “ui.colours”")] {
            do {
                _ = try ConfigFile.parse(text, path: "config.toml")
                Issue.record("accepted \(text)")
            } catch {
                #expect("\(error)".contains(message), "\(error)")
            }
        }
    }

    @Test("what is wrong in a preset is refused with its line", arguments: [
        ("[presets.a]\nmodel = \"x\"\ncolour = \"red\"\n", "config.toml line 3: presets.a.colour is not a setting a preset has"),
        ("[presets.a]\ntemperature = 1.5\n", "config.toml line 2: presets.a.temperature must be a number from 0 to 1"),
        ("[presets.a]\n\nthinking = \"no\"\n", "config.toml line 3: presets.a.thinking must be true or false"),
        ("[presets.a]\nreasoning_effort = \"huge\"\n", "line 2: presets.a.reasoning_effort must be \"low\", \"high\" or \"max\""),
        ("[presets.a]\nmax_tokens = 2\n", "line 2: presets.a.max_tokens must be a whole number, 16 or more"),
        ("model = \"m\"\npresets = 3\n", "line 2: presets must be tables"),
    ])
    func refused(text: String, message: String) {
        do {
            _ = try ConfigFile.parse(text, path: "config.toml")
            Issue.record("accepted: \(text)")
        } catch {
            #expect("\(error)".contains(message), "\(error)")
        }
    }

    @Test("ask --preset asks with the preset's model and settings, and the conversation keeps them")
    func askWithPreset() async throws {
        let home = try KimichatHome()
        let configPath = home.directory.appendingPathComponent("config/kimichat/config.toml")
        try FileManager.default.createDirectory(at: configPath.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Self.config.write(to: configPath, atomically: true, encoding: .utf8)
        let result = try await home.run(["ask", "--demo", "--preset", "poet", "hello"])
        #expect(result.status == 0, "\(result.stderr)")
        let body = try #require(try RequestLog.bodies(at: home.requestLogPath).last)
        #expect(body["model"] as? String == "moonshot-v1-8k")
        #expect((body["messages"] as? [[String: Any]])?.first?["content"] as? String == "Answer in verse.")
        #expect(body["temperature"] as? Double == 0.3)
        #expect(body["max_completion_tokens"] as? Int == 1024)
        let listed = try await home.run(["list", "--demo"])
        #expect(listed.stdout.contains("[poet]"), "\(listed.stdout)")
        let unknown = try await home.run(["ask", "--demo", "--preset", "nope", "hi"])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("no preset named “nope” (known: poet, researcher)"))
    }

    @Test("Ctrl-N offers the presets; one chosen starts a conversation with its system prompt; --preset does it at start",
          .timeLimit(.minutes(2)))
    func chooser() async throws {
        let home = try KimichatHome()
        let configPath = home.directory.appendingPathComponent("config/kimichat/config.toml")
        try FileManager.default.createDirectory(at: configPath.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Self.config.write(to: configPath, atomically: true, encoding: .utf8)
        let session = try home.launch("--demo", width: 110)
        try await session.waitFor("ready")
        try session.press("C-n")
        try await session.waitFor("New conversation · start from")
        try session.press("Down")
        try session.press("Enter")
        try await session.waitFor("New conversation with the preset poet")
        try session.type("hi")
        try session.press("Enter")
        let screen = try await session.waitUntil("the reply") { $0.contains("You said “hi”") && $0.contains("ready") }
        #expect(screen.contains("moonshot-v1-8k (demo) · poet · t0.3"), "\(screen)")
        let body = try #require(try RequestLog.bodies(at: home.requestLogPath).last)
        #expect((body["messages"] as? [[String: Any]])?.first?["content"] as? String == "Answer in verse.")
        try session.press("C-q")
        try await session.waitFor("[exited 0]")
        session.kill()

        let started = try home.launch("--demo --preset researcher", width: 110)
        try await started.waitFor("kimi-k2.6 (demo) · researcher · no-think · web")
        try started.press("C-q")
        try await started.waitFor("[exited 0]")
    }
}

@Suite("Keys of your own in the chat", .serialized)
struct KeysConfigTests {
    static func home(config: String) throws -> KimichatHome {
        let home = try KimichatHome()
        let path = home.directory.appendingPathComponent("config/kimichat/config.toml")
        try FileManager.default.createDirectory(at: path.deletingLastPathComponent(), withIntermediateDirectories: true)
        try config.write(to: path, atomically: true, encoding: .utf8)
        return home
    }

    @Test("a [keys] file that swaps Enter and Alt-Enter works in the chat; kimichat keys prints it", .timeLimit(.minutes(2)))
    func swapped() async throws {
        let home = try Self.home(config: "[keys]\nsend = \"Alt-Enter\"\nnewline = [\"Enter\", \"Ctrl-J\"]\n")
        let printed = try await home.run(["keys"])
        #expect(printed.status == 0)
        #expect(printed.stdout.contains("| `send` | Alt-Enter |"), "\(printed.stdout.prefix(2000))")
        let session = try home.launch("--demo", width: 100)
        try await session.waitFor("Alt-Enter send")
        try session.type("first line")
        try session.press("Enter")
        try session.type("second line")
        try await session.waitFor("  second line")
        #expect((try? RequestLog.bodies(at: home.requestLogPath))?.isEmpty ?? true, "Enter did not send")
        try session.press("M-Enter")
        try await session.waitUntil("the reply") { $0.contains("You said “first line second line”") }
        try session.press("C-q")
        try await session.waitFor("[exited 0]")
    }

    @Test("[keys.list] gives the list's rename a key of its own; a conflict in an overlay's table is refused with its line")
    func overlayKeys() async throws {
        let home = try Self.home(config: "[keys.list]\nrename = \"F6\"\n\n[keys.picker]\nchoose = \"Esc\"\n")
        let refused = try await home.run(["keys"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("line 5: Esc would do two things in [keys.picker]"), "\(refused.stderr)")
        let fine = try Self.home(config: "[keys.list]\nrename = \"F6\"\n")
        let printed = try await fine.run(["keys"])
        #expect(printed.status == 0, "\(printed.stderr)")
        #expect(printed.stdout.contains("`rename` (F6)"))
        #expect(printed.stdout.contains("| F6 | rename the selected conversation |"))
    }

    @Test("a conflicting [keys] is refused at start with its line and what it conflicts with")
    func conflict() async throws {
        let home = try Self.home(config: "model = \"kimi-k2.6\"\n\n[keys]\nnew_conversation = \"Ctrl-O\"\n")
        let result = try await home.run(["--demo"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("config.toml line 4: Ctrl-O would do two things: new_conversation and "
            + "conversations"), "\(result.stderr)")
        let unsendable = try Self.home(config: "[ui]\nmouse = false\n[keys]\nsend = \"Ctrl-Shift-A\"\n")
        let refused = try await unsendable.run(["keys"])
        #expect(refused.stderr.contains("line 4: “Ctrl-Shift-A”: a terminal cannot send Ctrl with Shift"), "\(refused.stderr)")
    }
}
