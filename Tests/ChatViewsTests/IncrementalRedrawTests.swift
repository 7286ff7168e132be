import ChatDomain
import ScreenKit
import TextLayout
import Testing
@testable import ChatCore
@testable import ChatViews

@Suite("Incremental redraw")
struct IncrementalRedrawTests {
    @Test("a delta re-lays-out only the streaming message")
    func relayoutOnlyTheStreamingMessage() {
        var state = AppState(settings: ChatSettings(model: "m", hasAPIKey: true))
        for index in 0..<20 {
            for character in "question \(index)" { _ = reduce(&state, .keyPressed(.character(character))) }
            _ = reduce(&state, .keyPressed(.enter))
            _ = reduce(&state, .streamEvent(index + 1, .content("answer \(index)")))
            _ = reduce(&state, .streamEvent(index + 1, .done))
        }
        for character in "last" { _ = reduce(&state, .keyPressed(.character(character))) }
        _ = reduce(&state, .keyPressed(.enter))
        let renderer = ScreenRenderer()
        _ = renderer.render(state, width: 80, height: 24)
        let before = renderer.cache.relayouts
        for word in ["one ", "two ", "three "] {
            _ = reduce(&state, .streamEvent(21, .content(word)))
            _ = renderer.render(state, width: 80, height: 24)
        }
        #expect(renderer.cache.relayouts - before == 3)
    }

    @Test("only rows that changed are sent to the terminal")
    func onlyChangedRows() {
        var state = AppState(settings: ChatSettings(model: "m", hasAPIKey: true))
        for character in "hi" { _ = reduce(&state, .keyPressed(.character(character))) }
        _ = reduce(&state, .keyPressed(.enter))
        let renderer = ScreenRenderer()
        var terminal = InMemoryTerminal(width: 60, height: 20)
        var presenter = FramePresenter()
        presenter.present(renderer.render(state, width: 60, height: 20), on: &terminal)
        #expect(terminal.rowWrites == 20)

        _ = reduce(&state, .streamEvent(1, .content("Hello")))
        presenter.present(renderer.render(state, width: 60, height: 20), on: &terminal)
        let afterFirstDelta = terminal.rowWrites
        _ = reduce(&state, .streamEvent(1, .content(" world")))
        presenter.present(renderer.render(state, width: 60, height: 20), on: &terminal)
        // One transcript row changed; the status bar may change too (tokens/s).
        #expect(terminal.rowWrites - afterFirstDelta <= 2)
        #expect(terminal.lines[4] == "  Hello world")
    }

    @Test("a delta leaves the status bar alone: its spinner and tokens a second change on ticks only")
    func statusBarStillPerDelta() {
        var state = AppState(settings: ChatSettings(model: "m", hasAPIKey: true))
        for character in "hi" { _ = reduce(&state, .keyPressed(.character(character))) }
        _ = reduce(&state, .keyPressed(.enter))
        let renderer = ScreenRenderer()
        func statusRow() -> String { renderer.render(state, width: 60, height: 20).lines[19] }
        _ = reduce(&state, .streamEvent(1, .content("Hello")))
        for _ in 0..<10 { _ = reduce(&state, .tick) }
        let afterTicks = statusRow()
        #expect(afterTicks.contains("streaming… 1 tok/s"), "the rate shows after a second")
        for word in [" a", " b", " c", " d"] {
            _ = reduce(&state, .streamEvent(1, .content(word)))
            #expect(statusRow() == afterTicks, "after \(word)")
        }
        // A second later the rate counts the new deltas: 5 in 2 s.
        for _ in 0..<10 { _ = reduce(&state, .tick) }
        #expect(statusRow().contains("streaming… 3 tok/s"))
    }

    @Test("the spinner turns while nothing else moves, and stands still once the answer streams")
    func spinnerWhileWaiting() {
        var state = AppState(settings: ChatSettings(model: "m", hasAPIKey: true))
        for character in "hi" { _ = reduce(&state, .keyPressed(.character(character))) }
        _ = reduce(&state, .keyPressed(.enter))
        let renderer = ScreenRenderer()
        func statusRow() -> String { renderer.render(state, width: 60, height: 20).lines[19] }
        let waiting = statusRow()
        _ = reduce(&state, .tick)
        _ = reduce(&state, .tick)
        #expect(statusRow() != waiting, "waiting: the spinner steps every other tick")
        _ = reduce(&state, .streamEvent(1, .content("Hello")))
        let answering = statusRow()
        for _ in 0..<4 { _ = reduce(&state, .tick) }
        #expect(statusRow() == answering)
    }

    @Test("the streaming text re-wraps from its last paragraph and matches a full wrap")
    func incrementalWrapMatchesFullWrap() {
        var wrap = IncrementalWrap()
        var text = ""
        let pieces = ["First para", "graph words here.\nSecond ", "line 你好世界你好世界", "\n\nThird", " and more text to wrap"]
        for piece in pieces {
            text += piece
            wrap.update(text: text, width: 12)
        }
        var fresh = IncrementalWrap()
        fresh.update(text: text, width: 12)
        #expect(wrap.lines == fresh.lines)
        #expect(wrap.lines == TextWrapper.wrap(text, width: 12), "the same rows as the wrapper's own")
        #expect(wrap.lines.first == "First")
    }
}
