import ChatDomain
import ScreenKit
import Testing
@testable import ChatCore

/// Up and Down in the input move by the rows it is drawn in, before they recall
/// earlier messages; tabs are as wide as in the transcript.
@Suite("The input's rows")
struct InputRowMovementTests {
    @Test("a long line wrapped at 10 columns: Up and Down move a row at a time, keeping the column")
    func byRow() {
        var state = AppState(settings: ChatSettings(model: "kimi-k2.6", hasAPIKey: true))
        _ = reduce(&state, .inputColumnsMeasured(10))
        _ = reduce(&state, .textEntered("0123456789abcdefghijKLMNO"))
        // Rows: "0123456789", "abcdefghij", "KLMNO"; the cursor at the end (row 2, column 5).
        _ = reduce(&state, .keyPressed(.up))
        #expect(state.input.cursor == 15, "row 1, column 5: before “f”")
        _ = reduce(&state, .keyPressed(.up))
        #expect(state.input.cursor == 5)
        _ = reduce(&state, .keyPressed(.down))
        _ = reduce(&state, .keyPressed(.down))
        #expect(state.input.cursor == 25)
        #expect(state.input.text == "0123456789abcdefghijKLMNO", "nothing recalled while there were rows to move to")
    }

    @Test("on the first row Up recalls the message sent before; Down on the last row comes back")
    func recallsAtTheEdges() {
        var state = AppState(settings: ChatSettings(model: "kimi-k2.6", hasAPIKey: true))
        _ = reduce(&state, .inputColumnsMeasured(10))
        _ = reduce(&state, .textEntered("sent first"))
        _ = reduce(&state, .keyPressed(.enter))
        _ = reduce(&state, .streamEvent(1, .done))
        _ = reduce(&state, .textEntered("a draft long enough to wrap"))
        _ = reduce(&state, .keyPressed(.up))
        _ = reduce(&state, .keyPressed(.up))
        #expect(state.input.text == "a draft long enough to wrap")
        _ = reduce(&state, .keyPressed(.up))
        #expect(state.input.text == "sent first")
    }

    @Test("a tab reaches the next tab stop, as in the transcript; the cursor is placed after it")
    func tabs() {
        let wrap = InputWrap(InputBuffer("a\tb"), width: 40)
        #expect(wrap.rows == ["a   b"])
        #expect(wrap.cursorColumn == 5)
        let atStop = InputWrap(InputBuffer("abcd\tx"), width: 40)
        #expect(atStop.rows == ["abcd    x"])
    }

    @Test("wide characters wrap whole, and a row index lands between them, never inside one")
    func wide() {
        let input = InputBuffer("你好世界朋友")
        let wrap = InputWrap(input, width: 7)
        #expect(wrap.rows == ["你好世", "界朋友"])
        #expect(wrap.index(row: 0, column: 3, in: input) == 1)
        #expect(wrap.index(row: 1, column: 6, in: input) == 6)
    }
}
