import ChatCore
import ChatDomain
import Foundation
import ScreenKit
import TextLayout

/// The conversation list overlay, drawn over the transcript pane: a heading, the
/// filter, the entries (a second row with the excerpt for full-text hits), and a
/// line of hints or the question being asked.
struct ConversationListView {
    static let newEntry = "+ New conversation"

    static func draw(_ list: ConversationList, currentID: ConversationID?, isDemo: Bool = false, rows: Int, width: Int,
                     theme: Theme, keys: OverlayKeyTables = .standard, into frame: inout Frame) {
        let more = list.matches.count >= ConversationList.limit(for: list.filter.text) ? "+" : ""
        let count = list.isSearching && list.matches.isEmpty ? "searching…" : "\(AttachmentLines.grouped(list.matches.count))\(more) found"
        // The demo keeps its own database; the heading says whose conversations these
        // are, short enough that the count still shows on a narrow terminal.
        let heading = isDemo ? " Conversations (the demo's own)" : " Conversations"
        OverlayHeader.draw(title: "\(heading) · \(count)", filter: list.filter, showsCursor: list.mode == .browsing,
                           rows: rows, width: width, theme: theme, into: &frame)

        let footerRow = rows - OverlayPage.footerRows
        let entryRows = max(0, footerRow - OverlayHeader.rows)
        let first = list.firstVisibleEntry(rows: entryRows)
        var row = OverlayHeader.rows
        var entry = first
        while row < OverlayHeader.rows + entryRows, entry < list.entryCount {
            row = drawEntry(entry, of: list, currentID: currentID, row: row, lastRow: OverlayHeader.rows + entryRows - 1, width: width,
                            theme: theme, into: &frame)
            entry += 1
        }
        drawFooter(list, row: footerRow, width: width, theme: theme, keys: keys, into: &frame)
    }

    private static func drawEntry(_ entry: Int, of list: ConversationList, currentID: ConversationID?, row: Int,
                                  lastRow: Int, width: Int, theme: Theme, into frame: inout Frame) -> Int {
        let selected = entry == list.selection
        let style = selected ? theme.selection : Style.plain
        if selected { frame.fill(row: row, style: style) }
        let marker = selected ? "▸ " : "  "
        guard let match = entry > 0 ? list.matches[entry - 1] : nil else {
            frame.put(marker + newEntry, row: row, column: 0, style: style)
            return row + 1
        }
        let summary = match.summary
        let current = summary.id == currentID ? "● " : ""
        let title = current + TerminalSafeText.sanitizeLine(summary.title)
        let detail = Self.detail(of: summary, readAt: list.readAt, width: width - marker.count, titleWidth: DisplayWidth.of(title))
        let detailWidth = DisplayWidth.of(detail)
        var column = frame.put(marker, row: row, column: 0, style: style)
        if case let .renaming(target, title) = list.mode, target == summary.id {
            column = frame.put("Rename: ", row: row, column: column, style: theme.prompt)
            let cursor = OverlayHeader.putEditable(title, row: row, column: column, style: style, width: width,
                                                   maxColumns: max(1, width - column - 1), into: &frame)
            frame.cursor = (row, cursor)
        } else {
            let titleRoom = max(1, width - column - detailWidth - 1)
            column = frame.put(DisplayWidth.truncated(title, to: titleRoom), row: row, column: column,
                               style: style.with(bold: true), maxColumns: titleRoom)
            if detailWidth > 0, column + detailWidth <= width {
                frame.put(detail, row: row, column: width - detailWidth, style: selected ? style : theme.detail)
            }
        }
        guard let snippet = match.snippet, row + 1 <= lastRow else { return row + 1 }
        if selected { frame.fill(row: row + 1, style: style) }
        let excerpt = StyledLine("    " + TerminalSafeText.sanitizeLine(snippet), style: selected ? style : theme.detail)
            .highlighting(list.filterWords, style: theme.highlight)
        excerpt.draw(into: &frame, row: row + 1, column: 0)
        return row + 2
    }

    /// The entry's details (preset and model, when, how many messages) as far as they fit
    /// beside the title: on a narrow terminal the title matters more, so the model goes
    /// first, then the date, then the count.
    static func detail(of summary: ConversationSummary, readAt: Date?, width: Int, titleWidth: Int) -> String {
        let preset = summary.settings.preset.map { TerminalSafeText.sanitizeLine($0) + " · " } ?? ""
        let model = preset + TerminalSafeText.sanitizeLine(summary.model)
        let date = EntryDate.describe(summary.updatedAt, now: readAt ?? summary.updatedAt)
        let count = "\(summary.messageCount) msg\(summary.messageCount == 1 ? "" : "s")"
        // The title keeps up to 24 columns (all of a shorter one) before any detail shows.
        let titleRoom = min(titleWidth, 24) + 1
        for parts in [[model, date, count], [date, count], [count]] {
            let detail = " " + parts.joined(separator: " · ") + " "
            if titleRoom + DisplayWidth.of(detail) <= width { return detail }
        }
        return ""
    }

    /// The mode's key hints, from its key table; while a delete is asked, the question.
    private static func drawFooter(_ list: ConversationList, row: Int, width: Int, theme: Theme,
                                   keys: OverlayKeyTables, into frame: inout Frame) {
        frame.fill(row: row, style: theme.statusBar)
        let style = list.mode.isConfirmingDelete ? theme.statusAccent : theme.statusBar
        frame.put(" " + footer(list, keys: keys), row: row, column: 0, style: style)
    }

    private static func footer(_ list: ConversationList, keys: OverlayKeyTables) -> String {
        switch list.mode {
        case .browsing:
            return KeyHints.line(keys.list.bindings)
        case .renaming:
            return KeyHints.line(keys.rename.bindings)
        case .confirmingDelete:
            let title = list.targetMatch.map { TerminalSafeText.sanitizeLine($0.summary.title) } ?? ""
            let otherKeys = DeleteKeyMap.otherKeys
            return "Delete “\(title)” and all its messages? \(KeyHints.line(DeleteKeyMap.bindings))"
                + " · \(otherKeys.label) \(otherKeys.hint)"
        }
    }
}

private extension ConversationList.Mode {
    var isConfirmingDelete: Bool {
        if case .confirmingDelete = self { return true }
        return false
    }
}

extension Style {
    func with(bold: Bool) -> Style {
        var copy = self
        copy.bold = bold
        return copy
    }
}

/// Short dates for the list: the time today, the day this year, else the full date.
enum EntryDate {
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    static func describe(_ date: Date, now: Date, calendar: Calendar = .current) -> String {
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        let today = calendar.dateComponents([.year, .month, .day], from: now)
        let year = parts.year ?? 0
        let month = parts.month ?? 1
        let day = parts.day ?? 1
        if year == today.year, month == today.month, day == today.day {
            return String(format: "%02d:%02d", parts.hour ?? 0, parts.minute ?? 0)
        }
        if year == today.year { return "\(months[(month - 1) % 12]) \(day)" }
        return String(format: "%04d-%02d-%02d", year, month, day)
    }
}
