import ChatCore
import ScreenKit
import TextLayout

/// F3's find line, just above the input: the text typed, "3 of 41", and its keys.
enum FindLineView {
    static let label = "Find: "
    static let minimumTextRoom = 16

    static func rows(_ state: AppState) -> Int { state.find == nil ? 0 : 1 }

    static func draw(_ state: AppState, layout: ScreenLayout, theme: Theme, into frame: inout Frame) {
        let row = layout.inputTop - 1
        // A terminal too short for it gives it no row (`ScreenLayout`).
        guard let find = state.find, row > layout.separatorRow else { return }
        frame.clear(row: row)
        let count = find.isSearching ? "…" : find.counter
        let hints = KeyHints.line(state.settings.overlayKeys.find.bindings)
        let x = frame.put(label, row: row, column: 0, style: theme.prompt)
        // The text keeps some room; the hints give way first, then the count is cut.
        let withHints = count.isEmpty ? hints : count + " · " + hints
        let status = x + minimumTextRoom + 2 + DisplayWidth.of(withHints) <= layout.width ? withHints : count
        let statusWidth = DisplayWidth.of(status)
        let textRoom = max(minimumTextRoom, layout.width - x - statusWidth - 2)
        // The cursor's column is the room's last.
        let tail = FieldTail(find.field, room: textRoom - 1)
        frame.put(tail.shown, row: row, column: x, style: .plain, maxColumns: min(textRoom, layout.width - x))
        let statusColumn = x + textRoom + 2
        if statusColumn < layout.width {
            frame.put(status, row: row, column: max(statusColumn, layout.width - statusWidth), style: theme.detail,
                      maxColumns: layout.width - statusColumn)
        }
        frame.cursor = (row, x + tail.cursorColumn)
    }
}
