import Foundation
import MockMoonshot
import Testing
import TestSupport

/// What a reply looks like in a real terminal.
@Suite("Rendering in a terminal", .serialized)
struct RenderingTests {
    let home: KimichatHome

    init() throws {
        home = try KimichatHome()
    }

    @Test("a Chinese reply with a code block and a table: columns line up as tmux draws them; Alt-C copies the code",
          .timeLimit(.minutes(1)))
    func markdownReply() async throws {
        let server = try await MockMoonshotServer.start()
        defer { Task { try? await server.shutdown() } }
        server.enqueue(MockScenario(reply: """
            ## 结果

            **重要。**请看代码：

            ```swift
            let 问候 = "你好"
            ```

            | 名字 | 分数 |
            |---|---|
            | 张三 | 90 |
            | Bob | 100 |
            """))
        let session = try home.launch("--base-url \(server.baseURL) --model moonshot-v1-8k",
                                      environment: ["MOONSHOT_API_KEY": "sk-test"])
        try await session.waitFor("Enter send")
        try session.type("show me")
        try session.press("Enter")
        let screen = try await session.waitUntil("the table") { $0.contains("└──────┴──────┘") }
        let lines = screen.split(separator: "\n").map { line in
            var text = String(line)
            while text.last == " " { text.removeLast() }
            return text
        }
        #expect(lines.contains("  结果"))
        #expect(lines.contains("  重要。请看代码："), "bold without its asterisks")
        #expect(lines.contains("  ┌ swift"))
        #expect(lines.contains("  │ let 问候 = \"你好\""))
        #expect(lines.contains("  ┌──────┬──────┐"))
        #expect(lines.contains("  │ 名字 │ 分数 │"))
        #expect(lines.contains("  │ 张三 │ 90   │"))
        #expect(lines.contains("  │ Bob  │ 100  │"))
        try session.setServerOption("set-clipboard", "on")
        try session.press("M-c")
        try await session.waitFor("Sent code block 1 of 1 (swift, 1 line)")
        #expect(session.pasteBuffer() == "let 问候 = \"你好\"")
        try session.press("C-q")
        try await session.waitFor("[exited 0]")
    }
}

extension RenderingTests {
    @Test("Alt-Y puts the last reply on the clipboard through OSC 52 (tmux keeps it as a paste buffer)",
          .timeLimit(.minutes(1)))
    func copyReply() async throws {
        let session = try home.launch("--demo")
        try session.setServerOption("set-clipboard", "on")
        try await session.waitFor("Demo mode")
        try session.type("copy me")
        try session.press("Enter")
        try await session.waitUntil("the reply") { $0.contains("逐字显示") && $0.contains("ready") }
        try session.press("M-y")
        try await session.waitFor("Sent the last reply")
        let buffer = try #require(session.pasteBuffer())
        #expect(buffer.hasPrefix("You said “copy me”. This is reply 1"))
        #expect(buffer.hasSuffix("演示模式的回复也会逐字显示。"))
        try session.press("C-q")
        try await session.waitFor("[exited 0]")
    }

    @Test("inside tmux with set-clipboard at its default, Alt-Y says how to turn it on instead of claiming a copy",
          .timeLimit(.minutes(1)))
    func copyBlockedByTmux() async throws {
        let session = try home.launch("--demo", width: 150)
        try await session.waitFor("Demo mode")
        try session.type("copy me")
        try session.press("Enter")
        try await session.waitUntil("the reply") { $0.contains("逐字显示") && $0.contains("ready") }
        try session.press("M-y")
        try await session.waitFor("Not copied: tmux drops copies from programs while its set-clipboard is external.")
        #expect(session.pasteBuffer() == nil, "tmux kept nothing")
        // Turned on while kimichat runs: the next copy goes through, and says so.
        try session.setServerOption("set-clipboard", "on")
        try session.press("M-y")
        try await session.waitFor("Sent the last reply")
        #expect(session.pasteBuffer()?.hasPrefix("You said “copy me”") == true)
        try session.press("C-q")
        try await session.waitFor("[exited 0]")
    }
}

extension RenderingTests {
    @Test("Ctrl-X Ctrl-E opens $EDITOR on the input and brings the edited text back", .timeLimit(.minutes(1)))
    func externalEditor() async throws {
        let script = home.directory.appendingPathComponent("editor.sh").path
        try "#!/bin/sh\nprintf '%s\\nwritten in the editor, 中文\\n' \"$(cat \"$1\")\" > \"$1\"\n"
            .write(toFile: script, atomically: true, encoding: .utf8)
        chmod(script, 0o755)
        let session = try home.launch("--demo", environment: ["EDITOR": script, "VISUAL": ""])
        try await session.waitFor("Demo mode")
        try session.type("draft")
        try session.press("C-x", "C-e")
        let screen = try await session.waitFor("written in the editor, 中文")
        #expect(screen.contains("› draft"))
        #expect(try session.alternateScreenIsOn(), "the full screen is back")
        try session.press("Enter")
        try await session.waitFor("You said “draft written in the editor, 中文”")
        try session.press("C-q")
        try await session.waitFor("[exited 0]")
    }
}

extension RenderingTests {
    @Test("NO_COLOR: a usable screen with no colour at all", .timeLimit(.minutes(1)))
    func noColor() async throws {
        let session = try home.launch("--demo", environment: ["NO_COLOR": "1"])
        try await session.waitFor("Demo mode")
        try session.type("hello")
        try session.press("Enter")
        try await session.waitUntil("the reply") { $0.contains("逐字显示") && $0.contains("ready") }
        let screen = try session.captureWithAttributes()
        // An SGR sequence with a colour among its parameters (39 and 49, the defaults, are no colour).
        let colour = try Regex(#"\u{1B}\[([0-9]+;)*(3[0-8]|4[0-8]|9[0-7]|10[0-7])(;[0-9]+)*m"#)
        #expect(screen.firstMatch(of: colour) == nil, "a colour sequence in: \(screen.debugDescription.prefix(400))")
        #expect(screen.contains("\u{1B}[7m") || screen.contains(";7m") || screen.contains("[7;"), "the status bar is reversed")
        try session.press("C-q")
        try await session.waitFor("[exited 0]")
    }
}

extension RenderingTests {
    @Test("a pasted multi-line block lands in the input and is not sent; 100,000 characters too",
          .timeLimit(.minutes(1)))
    func paste() async throws {
        let session = try home.launch("--demo")
        try await session.waitFor("Demo mode")
        try session.paste("first pasted line\nsecond pasted line\n")
        let screen = try await session.waitFor("second pasted line")
        #expect(screen.contains("› first pasted line"))
        #expect(!screen.contains("You said"), "a pasted newline never sends")
        // Ctrl-C with text in the input clears all of it (Ctrl-U only the current line).
        try session.press("C-c")
        try await session.waitUntil("the input to clear") { !$0.contains("pasted line") }
        let big = (0..<1_250).map { "line \($0) " + String(repeating: "x", count: 70) }.joined(separator: "\n") + "\nTHE END"
        let started = ContinuousClock.now
        try session.paste(big)
        try await session.waitFor("THE END")
        #expect(ContinuousClock.now - started < .seconds(10))
        #expect(try !session.capture().contains("You said"))
        // Sent, it reaches the API byte for byte.
        try session.press("Enter")
        try await session.waitUntil("the reply to the paste") { $0.contains("You said") && $0.contains("ready") }
        let sent = try #require(try RequestLog.chatMessages(at: home.requestLogPath).last?.last)
        #expect(sent.role == "user")
        #expect(sent.content.count == big.count)
        #expect(sent.content == big, "the pasted text went out changed")
        try session.press("C-q")
        try await session.waitFor("[exited 0]")
    }

    @Test("a reply full of escape sequences changes nothing on screen but its own visible text",
          .timeLimit(.minutes(1)))
    func escapeInjection() async throws {
        let server = try await MockMoonshotServer.start()
        defer { Task { try? await server.shutdown() } }
        server.enqueue(MockScenario(reply: "Safe \u{1B}[2J\u{1B}[H\u{1B}]0;pwned\u{07}\u{1B}]52;c;ZXZpbA==\u{07} text\r\u{1B}[K end"))
        let session = try home.launch("--base-url \(server.baseURL) --model moonshot-v1-8k",
                                      environment: ["MOONSHOT_API_KEY": "sk-test"])
        // tmux's default (`external`) never turns an OSC 52 into a buffer; `on` does, so
        // a sequence that got through would show up as one.
        try session.setServerOption("set-clipboard", "on")
        try await session.waitFor("Enter send")
        let title = try session.paneTitle()
        try session.type("try it")
        try session.press("Enter")
        let screen = try await session.waitUntil("the reply and ready") { $0.contains(" end") && $0.contains("ready") }
        #expect(screen.contains("Safe ␛[2J␛[H␛]0;pwned␇␛]52;c;ZXZpbA==␇ text"))
        #expect(screen.contains("You"), "the screen was not cleared")
        #expect(screen.contains("try it"))
        #expect(session.pasteBuffer() == nil, "no clipboard was set")
        #expect(try session.paneTitle() == title, "the title was not changed")
        try session.press("C-q")
        try await session.waitFor("[exited 0]")
    }

    @Test("resizing mid-stream re-wraps everything and the reply finishes", .timeLimit(.minutes(1)))
    func resizeMidStream() async throws {
        let session = try home.launch("--demo", environment: ["KIMICHAT_DEMO_PACE_MS": "40"])
        try await session.waitFor("Demo mode")
        try session.type("a long question to wrap " + String(repeating: "again ", count: 20))
        try session.press("Enter")
        try await session.waitFor("streaming")
        try session.resize(width: 50, height: 20)
        try await session.waitFor("streaming")
        try session.resize(width: 90, height: 28)
        let screen = try await session.waitUntil("the reply to finish") { $0.contains("逐字显示") && $0.contains("ready") }
        #expect(screen.split(separator: "\n").contains { $0 == Substring(String(repeating: "─", count: 90)) })
        #expect(screen.contains("You said “a long question to wrap again"))
        try session.press("C-q")
        try await session.waitFor("[exited 0]")
    }
}

extension RenderingTests {
    @Test("while a reply streams, the real cursor stays visible at the insertion point (where input methods open)",
          .timeLimit(.minutes(1)))
    func cursorWhileStreaming() async throws {
        let session = try home.launch("--demo", environment: ["KIMICHAT_DEMO_PACE_MS": "40"], width: 80, height: 24)
        try await session.waitFor("Demo mode")
        try session.type("first")
        try session.press("Enter")
        try await session.waitFor("streaming")
        try session.type("你好ab")
        try await session.waitFor("› 你好ab")
        for _ in 0..<5 {
            // tmux may be read half-way through a frame (the cursor is wherever that
            // frame is writing); between frames it must be back at the insertion point.
            var cursor = try session.cursor()
            for _ in 0..<20 where cursor.row != 22 {
                try await Task.sleep(for: .milliseconds(5))
                cursor = try session.cursor()
            }
            #expect(cursor.visible)
            #expect(cursor.row == 22, "the input row, above the status bar")
            #expect(cursor.column == 2 + 4 + 2, "after “› ”, two wide characters and two narrow ones")
            try await Task.sleep(for: .milliseconds(100))
        }
        try session.press("C-q")
        try await session.waitFor("[exited 0]")
    }

    @Test("a resize with the conversation list open re-lays it out, and the chat comes back whole",
          .timeLimit(.minutes(1)))
    func resizeWithOverlay() async throws {
        let session = try home.launch("--demo", environment: ["KIMICHAT_DEMO_PACE_MS": "1"])
        try await session.waitFor("Demo mode")
        try session.type("hello there")
        try session.press("Enter")
        try await session.waitUntil("the reply") { $0.contains("逐字显示") && $0.contains("ready") }
        try session.press("C-o")
        try await session.waitFor("1 found")
        try session.resize(width: 44, height: 14)
        try await session.waitUntil("the list at the new width") { screen in
            screen.contains("Conversations") && screen.split(separator: "\n").contains { $0.hasPrefix("▸ ● hello there") }
        }
        try session.press("Escape")
        try session.resize(width: 100, height: 30)
        try await session.waitUntil("the chat at full width") { screen in
            screen.contains("You said “hello there”") && screen.split(separator: "\n").contains {
                $0 == Substring(String(repeating: "─", count: 100))
            }
        }
        try session.press("C-q")
        try await session.waitFor("[exited 0]")
    }
}

extension RenderingTests {
    @Test("a resize keeps the reading position: the message at the top stays at the top", .timeLimit(.minutes(1)))
    func resizeKeepsReadingPosition() async throws {
        let session = try home.launch("--demo", environment: ["KIMICHAT_DEMO_PACE_MS": "1"], width: 80, height: 14)
        try await session.waitFor("Demo mode")
        for question in ["question one", "question two", "question three", "question four", "question five"] {
            try session.type(question)
            try session.press("Enter")
            try await session.waitUntil("the reply to \(question)") { $0.contains("“\(question)”") && $0.contains("ready") }
        }
        try session.press("Home")
        // The demo notice, then You/Kimi pairs: three jumps reach “question two”.
        for _ in 0..<3 { try session.press("M-Down") }
        func topRows(_ screen: String) -> [String] {
            screen.split(separator: "\n").prefix(2).map { String($0).replacingOccurrences(of: " +$", with: "", options: .regularExpression) }
        }
        try await session.waitUntil("question two at the top") { topRows($0) == ["You", "  question two"] }
        for (width, height) in [(40, 16), (100, 20), (24, 12)] {
            try session.resize(width: width, height: height)
            try await session.waitUntil("question two still at the top at \(width)x\(height)") { screen in
                // Held away from the end: the separator says where (no new output, so no ↓ mark).
                topRows(screen) == ["You", "  question two"] && screen.contains("/11 ") && !screen.contains("↓")
            }
        }
        try session.press("C-q")
        try await session.waitFor("[exited 0]")
    }
}

extension RenderingTests {
    /// What the code block's background looks like in tmux's capture, by terminal:
    /// the nearest basic colour (black) on 8 colours, palette entry 236 on 256, its RGB
    /// value on a direct-colour terminal.
    @Test("code keeps a distinct background on 8-colour, 256-colour and true-colour terminals",
          .timeLimit(.minutes(1)),
          arguments: [("xterm", "40"), ("xterm-256color", "48;5;236"), ("xterm-direct", "48;2;48;48;48")])
    func colourDepths(term: String, codeBackground: String) async throws {
        let server = try await MockMoonshotServer.start()
        defer { Task { try? await server.shutdown() } }
        server.enqueue(MockScenario(reply: "Here:\n\n```sh\necho colour-check\n```\n\nDone."))
        let session = try home.launch("--base-url \(server.baseURL) --model moonshot-v1-8k",
                                      environment: ["MOONSHOT_API_KEY": "sk-test", "TERM": term])
        try await session.waitFor("Enter send")
        try session.type("code")
        try session.press("Enter")
        try await session.waitUntil("the reply") { $0.contains("Done.") && $0.contains("ready") }
        // The plain capture and the one with attributes are two reads: retry until the
        // row is whole in the second too.
        var screen = ""
        var found: Substring?
        for _ in 0..<20 where found == nil {
            screen = try session.captureWithAttributes()
            found = screen.split(separator: "\n").first { $0.contains("echo colour-check") }
            if found == nil { try await Task.sleep(for: .milliseconds(100)) }
        }
        let codeRow = try #require(found, "no code row in \(screen.debugDescription)")
        let sgr = try Regex(#"\u{1B}\[([0-9;:]*)m"#)
        let parameters = codeRow.matches(of: sgr).map { String($0.output[1].substring ?? "") }
        #expect(parameters.contains { ";\($0);".contains(";\(codeBackground);") },
                "\(term): \(codeBackground) in \(parameters)")
        #expect(screen.contains("You"), "the screen draws")
        try session.press("C-q")
        try await session.waitFor("[exited 0]")
    }
}
