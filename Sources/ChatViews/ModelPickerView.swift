import ChatCore
import ChatDomain
import ScreenKit
import TextLayout

/// The model picker overlay: heading, filter, one row per model (id, window, thinks,
/// images, description), the current model marked, and a line for notes and keys.
struct ModelPickerView {
    static func draw(_ picker: ModelPicker, current: String, rows: Int, width: Int, theme: Theme,
                     keys: OverlayKeyTables = .standard, into frame: inout Frame) {
        OverlayHeader.draw(title: " Models · \(picker.shown.count) shown · current: \(TerminalSafeText.sanitizeLine(current))",
                           filter: picker.filter, showsCursor: true, rows: rows, width: width, theme: theme, into: &frame)

        let footerRow = rows - OverlayPage.footerRows
        let listRows = max(0, footerRow - OverlayHeader.rows)
        let first = max(0, min(picker.selection - listRows + 1, picker.shown.count - listRows))
        for (offset, model) in picker.shown.dropFirst(first).prefix(listRows).enumerated() {
            drawRow(model, selected: first + offset == picker.selection, isCurrent: model.id == current,
                    dimmed: picker.knowsOffered && !model.isOffered,
                    row: OverlayHeader.rows + offset, width: width, theme: theme, into: &frame)
        }
        if picker.shown.isEmpty, listRows > 0 {
            frame.put("  No model matches “\(TerminalSafeText.sanitizeLine(picker.filter.text))”.", row: OverlayHeader.rows, column: 0,
                      style: theme.detail)
        }
        frame.fill(row: footerRow, style: theme.statusBar)
        let hints = " " + KeyHints.line(keys.picker.bindings)
        frame.put((picker.warning ?? picker.note).map { " " + TerminalSafeText.sanitizeLine($0) + " ·" + hints } ?? hints,
                  row: footerRow, column: 0, style: theme.statusBar)
    }

    /// "kimi-k2.6   256K  thinks  images  General model…"
    static func facts(_ model: ModelInfo) -> String {
        let window = model.contextLength >= 1_048_576 && model.contextLength % 1_048_576 == 0
            ? "\(model.contextLength / 1_048_576)M" : "\(model.contextLength / 1024)K"
        let thinking: String
        switch model.thinking {
        case .always: thinking = "thinks"
        case .byDefault: thinking = "thinks"
        case .never: thinking = "      "
        }
        return "\(window.padding(6))\(thinking)  \(model.vision ? "images" : "      ")  "
    }

    private static func drawRow(_ model: ModelInfo, selected: Bool, isCurrent: Bool, dimmed: Bool, row: Int, width: Int,
                                theme: Theme, into frame: inout Frame) {
        let style = selected ? theme.selection : dimmed ? theme.detail : Style.plain
        if selected { frame.fill(row: row, style: style) }
        var column = frame.put(selected ? "▸ " : "  ", row: row, column: 0, style: style)
        let id = (isCurrent ? "● " : "  ") + TerminalSafeText.sanitizeLine(model.id)
        column = frame.put(id.padding(28), row: row, column: column, style: dimmed ? style : style.with(bold: true))
        column = frame.put(facts(model), row: row, column: column, style: selected ? style : theme.detail)
        let description = TerminalSafeText.sanitizeLine(model.description) + (dimmed ? " (not offered here)" : "")
        frame.put(description, row: row, column: column, style: selected ? style : theme.detail)
    }
}

extension String {
    /// Padded with spaces to `columns` display columns (never cut).
    func padding(_ columns: Int) -> String {
        self + String(repeating: " ", count: max(1, columns - DisplayWidth.of(self)))
    }
}
