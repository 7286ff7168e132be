import ChatCore
import ChatDomain
import ScreenKit
import TextLayout

/// Alt-S: one line per setting (its value, and what may be set or why it is fixed),
/// the selected one marked; a field being typed shows its text, and the system prompt
/// its lines, with the reason a value would be refused as it is typed.
struct SettingsView {
    static let labelWidth = 18
    static let valueWidth = 34

    static func draw(_ state: AppState, _ editor: SettingsEditor, rows: Int, width: Int, theme: Theme,
                     into frame: inout Frame) {
        frame.cursor = nil
        for row in 0..<rows { frame.fill(row: row, style: .plain) }
        frame.fill(row: 0, style: theme.statusBar)
        let title = " Settings of this conversation · \(TerminalSafeText.sanitizeLine(state.conversation.model))"
            + (state.conversation.settings.preset.map { " · preset \(TerminalSafeText.sanitizeLine($0))" } ?? "")
        frame.put(title, row: 0, column: 0, style: theme.statusAccent)
        var row = 2
        let footerRow = rows - 1
        for line in state.settingsRows where row < footerRow {
            let selected = line.field == editor.selected
            let marker = selected ? "› " : "  "
            var column = frame.put(marker + line.field.label.padding(labelWidth), row: row, column: 0,
                                   style: selected ? Style(bold: true) : .plain)
            if editor.editing == line.field {
                row = drawField(editor, row: row, column: column, width: width, footerRow: footerRow, theme: theme,
                                into: &frame)
                continue
            }
            let value = TerminalSafeText.sanitizeLine(line.value)
            column = frame.put(value.padding(valueWidth), row: row, column: column,
                               style: line.isFixed ? theme.detail : (selected ? Style(reverse: true) : .plain),
                               maxColumns: max(0, width - column))
            frame.put("  " + line.note, row: row, column: column, style: theme.detail, maxColumns: max(0, width - column))
            row += 1
        }
        frame.fill(row: footerRow, style: theme.statusBar)
        let hints = editor.editing == nil ? KeyHints.line(state.settings.overlayKeys.settings.bindings)
            : KeyHints.line(state.settings.overlayKeys.settingsField.bindings)
        frame.put(" " + (state.statusNote.map { TerminalSafeText.sanitizeLine($0) + " · " } ?? "") + hints,
                  row: footerRow, column: 0, style: theme.statusBar)
    }

    /// The field being typed: one line, or the system prompt's lines (the last few when
    /// long), the cursor in it, and what is wrong with the value under it.
    private static func drawField(_ editor: SettingsEditor, row: Int, column: Int, width: Int, footerRow: Int,
                                  theme: Theme, into frame: inout Frame) -> Int {
        let text = editor.field.text
        guard editor.editing == .systemPrompt else {
            let cursor = OverlayHeader.putEditable(editor.field, row: row, column: column, style: Style(underline: true),
                                                   width: width, into: &frame)
            frame.cursor = (row, cursor)
            if let problem = editor.problem {
                frame.put("  " + problem, row: row, column: min(width - 1, column + 12), style: theme.errorHeader,
                          maxColumns: max(0, width - column - 12))
            }
            return row + 1
        }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let (cursorLine, cursorColumn) = editor.field.cursorLineAndColumn
        let room = max(1, min(8, footerRow - row - 1))
        let first = max(0, min(cursorLine - room + 1, lines.count - room))
        var drawn = row
        for (index, line) in lines.enumerated().dropFirst(first).prefix(room) {
            frame.put(TerminalSafeText.sanitizeLine(line), row: drawn, column: column, style: Style(underline: true),
                      maxColumns: max(0, width - column))
            if index == cursorLine {
                let before = TerminalSafeText.sanitizeLine(String(line.prefix(cursorColumn)))
                frame.cursor = (drawn, min(width - 1, column + DisplayWidth.of(before)))
            }
            drawn += 1
        }
        return drawn
    }
}
