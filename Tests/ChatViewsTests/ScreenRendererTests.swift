import ChatDomain
import ScreenKit
import Testing
import TextLayout
@testable import ChatCore
@testable import ChatViews

@Suite("Rendering the chat screen")
struct ScreenRendererTests {
    var state = AppState(settings: ChatSettings(model: "kimi-k2.6", hasAPIKey: true))
    let renderer = ScreenRenderer(theme: .dark)

    mutating func send(_ text: String) {
        for character in text { _ = reduce(&state, .keyPressed(.character(character))) }
        _ = reduce(&state, .keyPressed(.enter))
    }

    @Test("transcript, separator, input and status bar, in that order")
    mutating func layout() {
        send("hello")
        _ = reduce(&state, .streamEvent(1, .content("Hi there!")))
        let lines = renderer.render(state, width: 40, height: 12).lines
        #expect(lines[0] == "You")
        #expect(lines[1] == "  hello")
        #expect(lines[3].hasPrefix("Kimi  kimi-k2.6"))
        #expect(lines[4] == "  Hi there!")
        #expect(lines[9] == String(repeating: "─", count: 40))
        #expect(lines[10] == "›")
        #expect(lines[11].contains("kimi-k2.6"))
        #expect(lines[11].contains("streaming"), "narrow screens drop key hints before the activity")
    }

    @Test("Chinese text wraps by display width and never overflows the row")
    mutating func cjkWrapping() {
        send("你好世界你好世界你好世界你好世界你好世界")
        let frame = renderer.render(state, width: 24, height: 10)
        #expect(frame.lines[1] == "  你好世界你好世界你好世")
        #expect(frame.lines[2] == "  界你好世界你好世界")
        for row in 0..<frame.height {
            #expect(DisplayWidth.of(frame.text(ofRow: row)) == 24)
        }
    }

    @Test("escape sequences in a reply are drawn as visible symbols")
    mutating func hostileReply() {
        send("x")
        _ = reduce(&state, .streamEvent(1, .content("a\u{1B}[2Jb\u{1B}]52;c;QQ==\u{07}")))
        let text = renderer.render(state, width: 40, height: 10).lines.joined(separator: "\n")
        #expect(text.contains("a␛[2Jb␛]52;c;QQ==␇"))
        #expect(!text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 })
    }

    @Test("while a retry waits, the status bar counts down: “retrying in 2s (2/4)”, the reason, and Esc")
    mutating func retryCountdown() {
        send("hello")
        _ = reduce(&state, .streamEvent(1, .retrying(RetryNotice(attempt: 2, maxAttempts: 4, seconds: 2,
                                                                 reason: "rate limited"))))
        var status = renderer.render(state, width: 100, height: 12).lines[11]
        #expect(status.contains("retrying in 2s (2/4) · rate limited · Esc cancels"), "\(status)")
        for _ in 0..<11 { _ = reduce(&state, .tick) }
        status = renderer.render(state, width: 100, height: 12).lines[11]
        #expect(status.contains("retrying in 1s (2/4)"), "\(status)")
    }

    @Test("stopped and interrupted replies are marked")
    mutating func marks() {
        send("x")
        _ = reduce(&state, .streamEvent(1, .content("part")))
        _ = reduce(&state, .keyPressed(.escape))
        send("y")
        _ = reduce(&state, .streamEvent(2, .content("half")))
        _ = reduce(&state, .streamFailed(2, .interrupted("cut")))
        let text = renderer.render(state, width: 60, height: 24).lines.joined(separator: "\n")
        #expect(text.contains("[stopped]"))
        #expect(text.contains("[interrupted]"))
        #expect(text.contains("Error"))
    }

    @Test("the cursor sits after the typed text, CJK counted as two columns")
    mutating func cursor() {
        for character in "ab你" { _ = reduce(&state, .keyPressed(.character(character))) }
        let frame = renderer.render(state, width: 30, height: 8)
        #expect(frame.cursor?.row == 6)
        #expect(frame.cursor?.column == 2 + 4)
    }

    @Test("a long input grows the input pane, up to a limit")
    mutating func inputGrows() {
        for _ in 0..<3 { _ = reduce(&state, .keyPressed(.character("x"))); _ = reduce(&state, .keyPressed(.altEnter)) }
        let frame = renderer.render(state, width: 30, height: 12)
        // Three lines and the empty fourth the cursor is on: four input rows.
        #expect(frame.lines[6] == String(repeating: "─", count: 30))
        #expect(frame.lines[7] == "› x")
        #expect(frame.lines[8] == "  x")
        #expect(frame.cursor?.row == 10)
    }

    @Test("an input taller than its pane says how many lines are out of sight, above and below")
    mutating func moreLines() {
        _ = reduce(&state, .textEntered((1...12).map { "line \($0)" }.joined(separator: "\n")))
        var lines = renderer.render(state, width: 40, height: 20).lines
        #expect(lines.contains { $0.hasSuffix("… 6 more lines above") }, "\(lines.joined(separator: "\n"))")
        for _ in 0..<11 { _ = reduce(&state, .keyPressed(.up)) }
        lines = renderer.render(state, width: 40, height: 20).lines
        #expect(lines.contains { $0.hasSuffix("… 6 more lines") }, "\(lines)")
        #expect(!lines.contains { $0.contains("more lines above") })
        // The cursor on the pane's last row with lines below it: no mark over what is typed there.
        for _ in 0..<8 { _ = reduce(&state, .keyPressed(.down)) }
        lines = renderer.render(state, width: 40, height: 20).lines
        let edited = lines.first { $0.contains("line 9") } ?? ""
        #expect(!edited.contains("more line"), "\(lines)")
        #expect(lines.contains { $0.hasSuffix("… 3 more lines above") }, "\(lines)")
    }

    @Test("a narrow status bar drops the hints, then the usage, and cuts what is left with …; F1 help goes last")
    mutating func narrowStatusBar() {
        state.conversation.title = "A conversation with a long title"
        let wide = renderer.render(state, width: 120, height: 10).lines.last ?? ""
        #expect(wide.contains("Enter send") && wide.hasSuffix("F1 help"), "\(wide)")
        let narrow = renderer.render(state, width: 40, height: 10).lines.last ?? ""
        #expect(narrow.hasSuffix("F1 help"), "\(narrow)")
        #expect(!narrow.contains("Enter send"))
        #expect(narrow.contains("…"), "\(narrow)")
        #expect(narrow.hasPrefix(" kimi-k2.6 │ ready │ A conv"), "\(narrow)")
    }

    @Test("the new-output mark shows only once output arrives below a scrolled-up view, and End clears it")
    mutating func newOutputMark() {
        for index in 0..<10 { send("message \(index)"); _ = reduce(&state, .streamEvent(index + 1, .done)) }
        send("message 10")
        _ = reduce(&state, .streamEvent(11, .content("the start of a reply")))
        scroll(.pages(-1), width: 50, height: 10)
        func marked() -> Bool { renderer.render(state, width: 50, height: 10).lines.joined().contains("new output below") }
        #expect(!marked(), "scrolled up, with nothing new below yet")
        _ = reduce(&state, .streamEvent(11, .content(" and more of it")))
        #expect(marked())
        scroll(.pages(-1), width: 50, height: 10)
        #expect(marked(), "scrolling further keeps it: the new output is still unread")
        _ = reduce(&state, .keyPressed(.end))
        scroll(.pages(-1), width: 50, height: 10)
        #expect(!marked(), "End read it; scrolled up again, nothing is new")
        // A request that fails before any text: the empty reply gives way to an error, which is news.
        _ = reduce(&state, .streamEvent(11, .done))
        _ = reduce(&state, .keyPressed(.end))
        send("message 11")
        scroll(.pages(-1), width: 50, height: 10)
        #expect(!marked())
        _ = reduce(&state, .streamFailed(12, .connection("refused")))
        #expect(marked(), "the error arrived below")
    }

    /// Runs a scroll the way the runtime does: the reducer asks, the view answers.
    mutating func scroll(_ move: ScrollMove, width: Int, height: Int) {
        _ = reduce(&state, .transcriptScrolled(renderer.scrolled(state, move, width: width, height: height)))
    }

    @Test("a terminal below the minimum size asks to be enlarged")
    func tooSmall() {
        let lines = renderer.render(state, width: 12, height: 4).lines
        #expect(lines.joined(separator: " ").contains("Enlarge"))
    }
}
