import ChatCore
import ScreenKit
import TextLayout

/// The top of a filtered overlay (the conversation list, the model picker): a cleared
/// area, a title bar, the filter line, a rule under it.
enum OverlayHeader {
    /// Rows the header takes; entries start below.
    static let rows = OverlayPage.headerRows

    static func draw(title: String, filter: InputBuffer, showsCursor: Bool, rows: Int, width: Int, theme: Theme,
                     into frame: inout Frame) {
        frame.cursor = nil
        for row in 0..<rows { frame.fill(row: row, style: .plain) }
        frame.fill(row: 0, style: theme.statusBar)
        frame.put(title, row: 0, column: 0, style: theme.statusAccent)
        let column = frame.put(" Filter: ", row: 1, column: 0, style: theme.prompt)
        let cursor = putEditable(filter, row: 1, column: column, style: .plain, width: width, into: &frame)
        if showsCursor { frame.cursor = (1, cursor) }
        frame.put(String(repeating: "─", count: width), row: 2, column: 0, style: theme.separator)
    }

    /// Draws an edited line of text, made inert; returns the cursor's column in it.
    @discardableResult
    static func putEditable(_ buffer: InputBuffer, row: Int, column: Int, style: Style, width: Int,
                            maxColumns: Int? = nil, into frame: inout Frame) -> Int {
        frame.put(TerminalSafeText.sanitizeLine(buffer.text), row: row, column: column, style: style,
                  maxColumns: maxColumns)
        let beforeCursor = TerminalSafeText.sanitizeLine(String(buffer.characters.prefix(buffer.cursor)))
        return min(width - 1, column + DisplayWidth.of(beforeCursor))
    }
}
