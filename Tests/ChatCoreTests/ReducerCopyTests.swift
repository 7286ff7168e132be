import Foundation
import ChatDomain
import ScreenKit
import Testing
@testable import ChatCore

@Suite("Reducer: copying to the clipboard")
struct ReducerCopyTests {
    var state = AppState(settings: ChatSettings(model: "m", hasAPIKey: true))

    private mutating func exchange(_ question: String, _ reply: String) {
        _ = reduce(&state, .textEntered(question))
        _ = reduce(&state, .keyPressed(.enter))
        let request = state.activeReply!.requestID
        _ = reduce(&state, .streamEvent(request, .content(reply)))
        _ = reduce(&state, .streamEvent(request, .done))
    }

    private func clipboard(_ effects: [AppEffect]) -> String? {
        guard case let .copyToClipboard(text)? = effects.first, effects.count == 1 else { return nil }
        return text
    }

    @Test("Alt-Y copies the last reply and says so; with none, it says that")
    mutating func lastReply() {
        #expect(reduce(&state, .keyPressed(.alt("y"))).isEmpty)
        #expect(state.statusNote == "No reply to copy yet.")
        exchange("hi", "Hello\n**there**")
        #expect(reduce(&state, .keyPressed(.alt("y"))) == [.copyToClipboard("Hello\n**there**")])
        #expect(state.statusNote == "Sent the last reply (15 characters) to the terminal's clipboard.")
    }

    @Test("while scrolled, Alt-Y copies the message at the top of the view")
    mutating func focusedMessage() {
        exchange("first question", "first answer")
        exchange("second question", "second answer")
        let firstReply = state.messages[1]
        _ = reduce(&state, .transcriptScrolled(.pinned(TranscriptAnchor(messageID: firstReply.id, line: 2))))
        #expect(clipboard(reduce(&state, .keyPressed(.alt("y")))) == "first answer")
        #expect(state.statusNote?.hasPrefix("Sent the message at the top") == true)
        _ = reduce(&state, .transcriptScrolled(.pinned(TranscriptAnchor(messageID: state.messages[2].id, line: 0))))
        #expect(clipboard(reduce(&state, .keyPressed(.alt("y")))) == "second question")
        #expect(state.statusNote?.hasPrefix("Sent your message") == true)
        _ = reduce(&state, .keyPressed(.end))
        #expect(clipboard(reduce(&state, .keyPressed(.alt("y")))) == "second answer")
    }

    @Test("Alt-C copies each code block of the last reply in turn, then starts over")
    mutating func codeBlocks() {
        exchange("code please", "Two ways:\n```swift\nlet a = 1\nprint(a)\n```\nor\n~~~\necho 你好\n~~~\nDone.")
        exchange("thanks", "You're welcome.")
        #expect(clipboard(reduce(&state, .keyPressed(.alt("c")))) == "let a = 1\nprint(a)")
        #expect(state.statusNote == "Sent code block 1 of 2 (swift, 2 lines) to the terminal's clipboard. Alt-C again for the next.")
        #expect(clipboard(reduce(&state, .keyPressed(.alt("c")))) == "echo 你好")
        #expect(state.statusNote?.hasPrefix("Sent code block 2 of 2 (1 line)") == true)
        #expect(clipboard(reduce(&state, .keyPressed(.alt("c")))) == "let a = 1\nprint(a)")
        _ = reduce(&state, .keyPressed(.left))
        #expect(clipboard(reduce(&state, .keyPressed(.alt("c")))) == "let a = 1\nprint(a)", "another key starts over")
    }

    @Test("Alt-C takes the scrolled-to message's blocks, an unclosed fence too; with no block it says so")
    mutating func focusedCodeBlock() {
        #expect(reduce(&state, .keyPressed(.alt("c"))).isEmpty)
        #expect(state.statusNote == "No code block to copy.")
        exchange("one", "```\nold\n```")
        exchange("two", "```py\nprint('streaming')")
        #expect(clipboard(reduce(&state, .keyPressed(.alt("c")))) == "print('streaming')")
        _ = reduce(&state, .transcriptScrolled(.pinned(TranscriptAnchor(messageID: state.messages[1].id, line: 0))))
        #expect(clipboard(reduce(&state, .keyPressed(.alt("c")))) == "old")
    }

    @Test("a language label cannot put a control into the status bar")
    mutating func inertLanguage() {
        exchange("x", "```\u{1B}[2Jevil\ncode\n```")
        _ = reduce(&state, .keyPressed(.alt("c")))
        #expect(state.statusNote?.contains("\u{1B}") == false)
    }

    @Test("terminal protocol stays out of the core: no ChatCore source builds an escape byte")
    func noEscapeInCore() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Sources/ChatCore").standardized
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".swift") }
        #expect(files.count > 10)
        for file in files {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            #expect(!text.lowercased().contains("\\u{1b}"), "\(file) builds an escape sequence")
        }
    }
}
