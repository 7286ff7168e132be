import Foundation
import ChatDomain
import ScreenKit
import Testing
@testable import ChatCore

@Suite("Reducer: keys, paste and scrolling")
struct ReducerInputTests {
    var state = AppState(settings: ChatSettings(model: "m", hasAPIKey: true))

    @Test("Alt-Enter and Ctrl-J insert newlines; Enter sends the multi-line text")
    mutating func newlines() {
        _ = reduce(&state, .keyPressed(.character("a")))
        _ = reduce(&state, .keyPressed(.altEnter))
        _ = reduce(&state, .keyPressed(.character("b")))
        _ = reduce(&state, .keyPressed(.ctrl("j")))
        _ = reduce(&state, .keyPressed(.character("c")))
        #expect(state.input.text == "a\nb\nc")
        _ = reduce(&state, .keyPressed(.enter))
        #expect(state.messages.first?.text == "a\nb\nc")
    }

    @Test("a pasted newline never sends")
    mutating func paste() {
        let keys: [Key] = [.pasteBegin, .character("x"), .enter, .character("y"), .pasteEnd]
        for key in keys { #expect(reduce(&state, .keyPressed(key)).isEmpty) }
        #expect(state.input.text == "x\ny")
        #expect(state.messages.isEmpty)
    }

    @Test("text typed in one go is one action")
    mutating func textEntered() {
        _ = reduce(&state, .textEntered("你好, world"))
        #expect(state.input.text == "你好, world")
    }

    @Test("a lost paste-end marker does not trap the user: Ctrl-Q still quits")
    mutating func lostPasteEnd() {
        _ = reduce(&state, .keyPressed(.pasteBegin))
        _ = reduce(&state, .keyPressed(.character("x")))
        #expect(reduce(&state, .keyPressed(.ctrl("q"))) == [.quit])
        #expect(!state.isPasting)
    }

    @Test("the quit warning goes away when another key disarms it")
    mutating func quitWarningCleared() {
        _ = reduce(&state, .keyPressed(.ctrl("c")))
        _ = reduce(&state, .keyPressed(.left))
        #expect(state.statusNote == nil)
        #expect(reduce(&state, .keyPressed(.ctrl("c"))).isEmpty, "one Ctrl-C after disarming only warns again")
    }

    @Test("Ctrl-C twice on an idle screen quits; once only warns")
    mutating func ctrlCTwice() {
        #expect(reduce(&state, .keyPressed(.ctrl("c"))).isEmpty)
        #expect(state.statusNote?.contains("again") == true)
        #expect(reduce(&state, .keyPressed(.ctrl("c"))) == [.quit])
    }

    @Test("Ctrl-C with text in the input clears it instead of arming quit")
    mutating func ctrlCClears() {
        _ = reduce(&state, .keyPressed(.character("z")))
        _ = reduce(&state, .keyPressed(.ctrl("c")))
        #expect(state.input.isEmpty)
        #expect(!state.quitArmed)
    }

    @Test("Ctrl-D quits on an empty input, deletes forward otherwise")
    mutating func ctrlD() {
        _ = reduce(&state, .keyPressed(.character("a")))
        _ = reduce(&state, .keyPressed(.character("b")))
        _ = reduce(&state, .keyPressed(.ctrl("a")))
        #expect(reduce(&state, .keyPressed(.ctrl("d"))).isEmpty)
        #expect(state.input.text == "b")
        _ = reduce(&state, .keyPressed(.ctrl("u")))
        _ = reduce(&state, .keyPressed(.ctrl("e")))
        _ = reduce(&state, .keyPressed(.backspace))
        #expect(reduce(&state, .keyPressed(.ctrl("d"))) == [.quit])
    }

    @Test("scroll keys ask the view to scroll; Home and End only with an empty input")
    mutating func scrollKeys() {
        #expect(reduce(&state, .keyPressed(.pageUp)) == [.scrollTranscript(.pages(-1))])
        #expect(reduce(&state, .keyPressed(.pageDown)) == [.scrollTranscript(.pages(1))])
        #expect(reduce(&state, .keyPressed(.wheelUp)) == [.scrollTranscript(.lines(-1))])
        #expect(reduce(&state, .keyPressed(.ctrlDown)) == [.scrollTranscript(.lines(1))])
        #expect(reduce(&state, .keyPressed(.home)) == [.scrollTranscript(.top)])
        _ = reduce(&state, .transcriptScrolled(.pinned(TranscriptAnchor(messageID: 1, line: 0))))
        _ = reduce(&state, .keyPressed(.end))
        #expect(state.scroll == .following)
        _ = reduce(&state, .keyPressed(.character("x")))
        #expect(reduce(&state, .keyPressed(.home)).isEmpty, "Home moves in a non-empty input")
    }

    @Test("sending a message returns the view to the bottom")
    mutating func sendFollows() {
        _ = reduce(&state, .transcriptScrolled(.pinned(TranscriptAnchor(messageID: 1, line: 0))))
        _ = reduce(&state, .keyPressed(.character("q")))
        _ = reduce(&state, .keyPressed(.enter))
        #expect(state.scroll == .following)
    }

    @Test("Up on the first line recalls earlier messages; Down walks back to the unsent draft")
    mutating func inputHistory() {
        var state = AppState(settings: ChatSettings(model: "m", hasAPIKey: false))
        for text in ["first", "second\nline"] {
            _ = reduce(&state, .textEntered(text))
            _ = reduce(&state, .keyPressed(.enter))
        }
        _ = reduce(&state, .textEntered("draft"))
        _ = reduce(&state, .keyPressed(.up))
        #expect(state.input.text == "second\nline")
        _ = reduce(&state, .keyPressed(.up))
        #expect(state.input.text == "second\nline", "Up first moves within the recalled message")
        _ = reduce(&state, .keyPressed(.up))
        #expect(state.input.text == "first")
        _ = reduce(&state, .keyPressed(.up))
        #expect(state.input.text == "first", "the oldest stays")
        _ = reduce(&state, .keyPressed(.down))
        #expect(state.input.text == "second\nline")
        _ = reduce(&state, .keyPressed(.down))
        _ = reduce(&state, .keyPressed(.down))
        #expect(state.input.text == "draft")
        #expect(state.inputRecall == nil)
        _ = reduce(&state, .keyPressed(.down))
        #expect(state.input.text == "draft")
    }

    @Test("every binding in the key map names a distinct key")
    func keyMapHasNoConflicts() {
        let keys = KeyMap.bindings.map(\.key)
        #expect(Set(keys).count == keys.count)
    }
}

@Suite("Copying with OSC 52")
struct ClipboardTests {
    @Test("the sequence carries the text base64-encoded, cut on a character boundary when too long")
    func sequence() {
        let (sequence, complete) = ClipboardSequence.osc52("你好, world")
        #expect(sequence == "\u{1B}]52;c;" + Data("你好, world".utf8).base64EncodedString() + "\u{07}")
        #expect(complete)
        let long = String(repeating: "中", count: 40_000)
        let (cut, whole) = ClipboardSequence.osc52(long)
        #expect(!whole)
        #expect(cut.utf8.count <= ClipboardSequence.maximumEncodedBytes + 10)
        let payload = Data(base64Encoded: String(cut.dropFirst(7).dropLast()))
        #expect(payload.flatMap { String(data: $0, encoding: .utf8) }?.allSatisfy { $0 == "中" } == true)
    }
}

@Suite("Composing in an external editor")
struct ExternalEditorTests {
    @Test("Ctrl-X Ctrl-E asks for the editor on the input; Ctrl-X then anything else is that key")
    func chord() {
        var state = AppState(settings: ChatSettings(model: "m", hasAPIKey: true))
        _ = reduce(&state, .textEntered("draft"))
        #expect(reduce(&state, .keyPressed(.ctrl("x"))).isEmpty)
        #expect(reduce(&state, .keyPressed(.ctrl("e"))) == [.editExternally("draft")])
        _ = reduce(&state, .keyPressed(.ctrl("x")))
        _ = reduce(&state, .keyPressed(.character("!")))
        #expect(state.input.text == "draft!")
        _ = reduce(&state, .keyPressed(.ctrl("e")))
        #expect(state.input.cursor == state.input.characters.count, "a plain Ctrl-E is end of line")
    }

    /// The terminal's letters come as text (the runtime merges runs of characters into
    /// one action): the letter after Ctrl-X still completes the chord, and what follows
    /// it in the same run goes where it would have gone as keys.
    @Test("Ctrl-X then a letter that arrives as text completes the chord: F forks, T opens the outline")
    func chordLetterAsText() throws {
        var state = AppState(settings: ChatSettings(model: "m", hasAPIKey: true),
                             reopening: Fixtures.exchanges(id: 1, count: 4))
        _ = reduce(&state, .textEntered("draft"))
        _ = reduce(&state, .keyPressed(.ctrl("x")))
        let effects = reduce(&state, .textEntered("f"))
        let fork = try #require(effects.compactMap { effect -> ConversationFork? in
            if case let .forkConversation(fork) = effect { return fork }
            return nil
        }.first, "\(effects)")
        #expect(fork.messages.map(\.text) == ["question 0", "answer 1", "question 2", "answer 3"])
        #expect(state.input.text == "draft", "the letter is not typed")

        _ = reduce(&state, .keyPressed(.ctrl("x")))
        _ = reduce(&state, .textEntered("Tquestion 2"))
        #expect(state.outline?.filter.text == "question 2", "the rest of the run filters the outline")
        #expect(state.outline?.shown.map(\.firstLine) == ["question 2"])
        #expect(state.input.text == "draft")

        _ = reduce(&state, .keyPressed(.escape))
        _ = reduce(&state, .keyPressed(.ctrl("x")))
        _ = reduce(&state, .textEntered("!?"))
        #expect(state.input.text == "draft!?", "a letter that is no chord is typed")
        #expect(state.statusNote == nil, "the chord's prompt is gone")

        _ = reduce(&state, .keyPressed(.ctrl("x")))
        _ = reduce(&state, .keyPressed(.pasteBegin))
        #expect(reduce(&state, .textEntered("find")).isEmpty, "pasted, not typed: no fork")
        _ = reduce(&state, .keyPressed(.pasteEnd))
        #expect(reduce(&state, .textEntered("f")).isEmpty, "the paste ended the chord")
        #expect(state.input.text == "draft!?findf")
    }

    @Test("the editor's text replaces the input, without the final newline editors add; a failure keeps it")
    func result() {
        var state = AppState(settings: ChatSettings(model: "m", hasAPIKey: true))
        _ = reduce(&state, .textEntered("before"))
        _ = reduce(&state, .externalEditFinished(.failure(ExternalEditFailure("The editor (nano) exited with status 1"))))
        #expect(state.input.text == "before")
        #expect(state.statusNote?.contains("status 1") == true)
        _ = reduce(&state, .externalEditFinished(.success("line one\nline two\n")))
        #expect(state.input.text == "line one\nline two")
        #expect(state.messages.isEmpty, "nothing is sent until Enter")
    }
}
