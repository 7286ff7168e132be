import ChatCore
import ChatDomain
import ScreenKit
import TextLayout

/// Ctrl-N with presets: the default, then each preset with what it sets.
struct PresetChooserView {
    static func draw(_ state: AppState, _ chooser: PresetChooser, rows: Int, width: Int, theme: Theme,
                     into frame: inout Frame) {
        frame.cursor = nil
        for row in 0..<rows { frame.fill(row: row, style: .plain) }
        frame.fill(row: 0, style: theme.statusBar)
        frame.put(" New conversation · start from", row: 0, column: 0, style: theme.statusAccent)
        let footerRow = rows - 1
        let entries: [(String, String)] = [("default", "\(state.settings.model), the settings of config.toml")]
            + state.settings.presets.map { preset in
                let model = preset.model ?? state.settings.model
                let info = state.models.first { $0.id == model } ?? ModelInfo.assumed(id: model)
                let tags = preset.settings.tags(for: info).filter { $0 != preset.name }
                    + (preset.webSearch == true ? ["web"] : [])
                return (preset.name, ([model] + tags).joined(separator: " · "))
            }
        for (index, entry) in entries.enumerated() where 2 + index < footerRow {
            let selected = index == chooser.selection
            let column = frame.put((selected ? "› " : "  ") + TerminalSafeText.sanitizeLine(entry.0), row: 2 + index,
                                   column: 0, style: selected ? Style(bold: true, reverse: true) : Style(bold: true))
            frame.put("  " + TerminalSafeText.sanitizeLine(entry.1), row: 2 + index, column: column, style: theme.detail,
                      maxColumns: max(0, width - column))
        }
        frame.fill(row: footerRow, style: theme.statusBar)
        frame.put(" " + KeyHints.line(state.settings.overlayKeys.presets.bindings), row: footerRow, column: 0, style: theme.statusBar)
    }
}
