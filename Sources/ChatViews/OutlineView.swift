import ChatCore
import ChatDomain
import Foundation
import ScreenKit
import TextLayout

/// The outline overlay (Ctrl-X T): heading, filter, one row per question (indented by
/// fork, the branch shown marked ●, its time at the right), and the keys.
struct OutlineView {
    static func draw(_ outline: OutlineBrowser, rows: Int, width: Int, theme: Theme, keys: OverlayKeyTables = .standard,
                     into frame: inout Frame) {
        let forks = outline.rows.filter { $0.depth > 0 }.count
        OverlayHeader.draw(title: " Outline · \(outline.rows.count) question\(outline.rows.count == 1 ? "" : "s")"
                               + (forks == 0 ? " · one branch" : "") + " · ● the branch shown",
                           filter: outline.filter, showsCursor: true, rows: rows, width: width, theme: theme,
                           into: &frame)
        let footerRow = rows - OverlayPage.footerRows
        let listRows = max(0, footerRow - OverlayHeader.rows)
        let first = max(0, min(outline.selection - listRows + 1, outline.shown.count - listRows))
        // Times read against the newest question's, so the overlay draws the same at any hour.
        let now = outline.rows.compactMap(\.createdAt).max() ?? Date(timeIntervalSince1970: 0)
        for (offset, row) in outline.shown.dropFirst(first).prefix(listRows).enumerated() {
            drawRow(row, selected: first + offset == outline.selection, now: now, row: OverlayHeader.rows + offset,
                    width: width, theme: theme, into: &frame)
        }
        if outline.shown.isEmpty, listRows > 0 {
            frame.put("  No question matches “\(TerminalSafeText.sanitizeLine(outline.filter.text))”.",
                      row: OverlayHeader.rows, column: 0, style: theme.detail)
        }
        frame.fill(row: footerRow, style: theme.statusBar)
        frame.put(" " + KeyHints.line(keys.outline.bindings), row: footerRow, column: 0, style: theme.statusBar)
    }

    private static func drawRow(_ entry: OutlineRow, selected: Bool, now: Date, row: Int, width: Int, theme: Theme,
                                into frame: inout Frame) {
        let style = selected ? theme.selection : Style.plain
        if selected { frame.fill(row: row, style: style) }
        let time = entry.createdAt.map { EntryDate.describe($0, now: now) } ?? ""
        let timeColumn = max(0, width - DisplayWidth.of(time) - 1)
        var column = frame.put(selected ? "▸ " : "  ", row: row, column: 0, style: style)
        column = frame.put(entry.isOnCurrentBranch ? "● " : "  ", row: row, column: column,
                           style: selected ? style : theme.statusAccent)
        column = frame.put(entry.guide, row: row, column: column, style: selected ? style : theme.detail)
        let text = TerminalSafeText.sanitizeLine(entry.firstLine) + OutlineText.repliesNote(entry)
        frame.put(text, row: row, column: column, style: style.with(bold: entry.isOnCurrentBranch),
                  maxColumns: max(0, timeColumn - column - 1))
        if !time.isEmpty, timeColumn > column { frame.put(time, row: row, column: timeColumn, style: selected ? style : theme.detail) }
    }
}

/// How an outline row reads, in the overlay and in `kimichat show --tree` alike.
public enum OutlineText {
    public static func repliesNote(_ row: OutlineRow) -> String {
        row.replies > 1 ? "  (\(row.replies) replies)" : ""
    }
}
