import ChatCore
import ScreenKit
import TextLayout

/// The input pane: the typed text hard-wrapped by display width, with the cursor.
struct InputView {
    static let prompt = "› "
    static let continuation = "  "

    typealias Wrapped = InputWrap

    static func wrap(_ input: InputBuffer, width: Int) -> Wrapped {
        InputWrap(input, width: width - prompt.count)
    }

    static func draw(_ wrapped: Wrapped, layout: ScreenLayout, theme: Theme, dimmed: Bool, into frame: inout Frame) {
        // Scroll the pane so the cursor row is visible.
        let first = max(0, min(wrapped.cursorRow - layout.inputRows + 1, wrapped.rows.count - layout.inputRows))
        for offset in 0..<layout.inputRows {
            let index = first + offset
            let row = layout.inputTop + offset
            let lead = index == 0 ? prompt : continuation
            let x = frame.put(lead, row: row, column: 0, style: theme.prompt)
            if index < wrapped.rows.count {
                frame.put(wrapped.rows[index], row: row, column: x, style: dimmed ? theme.separator : .plain)
            }
        }
        // Rows out of the pane are counted where they are, so a long message is not taken for a short one.
        func moreMark(_ text: String, row: Int) {
            let mark = " " + text + " "
            frame.put(mark, row: row, column: max(0, layout.width - DisplayWidth.of(mark)), style: theme.detail)
        }
        // Never on the row being edited: the mark would cover what is typed there.
        let cursorRow = layout.inputTop + wrapped.cursorRow - first
        let above = first
        let below = wrapped.rows.count - first - layout.inputRows
        if above > 0, layout.inputTop != cursorRow {
            moreMark("… \(above) more line\(above == 1 ? "" : "s") above", row: layout.inputTop)
        }
        if below > 0, layout.inputTop + layout.inputRows - 1 != cursorRow {
            moreMark("… \(below) more line\(below == 1 ? "" : "s")", row: layout.inputTop + layout.inputRows - 1)
        }
        frame.cursor = (layout.inputTop + wrapped.cursorRow - first, prompt.count + wrapped.cursorColumn)
    }
}
