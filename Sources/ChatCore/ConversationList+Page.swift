import ChatDomain

/// The conversation list by rows: an entry takes one row, a full-text hit two (its
/// excerpt under the title). The view draws by these numbers and the reducer pages by
/// them, so a page is what the list shows at the measured size.
extension ConversationList {
    /// Rows `entry` takes.
    public func height(of entry: Int) -> Int {
        guard entry > 0, entry <= matches.count else { return 1 }
        return matches[entry - 1].snippet == nil ? 1 : 2
    }

    /// The first entry drawn in `rows` rows: the list scrolls just enough to show the selection.
    public func firstVisibleEntry(rows: Int) -> Int {
        var first = selection
        var used = height(of: first)
        while first > 0, used + height(of: first - 1) <= rows {
            first -= 1
            used += height(of: first)
        }
        return first
    }

    /// Moves the selection; a page is as many entries as fill `entryRows` rows.
    mutating func move(_ move: SelectionMove, entryRows: Int) {
        switch move {
        case .up: selection = max(0, selection - 1)
        case .down: selection = min(entryCount - 1, selection + 1)
        case .pageUp: selection = entry(aPageFrom: selection, step: -1, rows: entryRows)
        case .pageDown: selection = entry(aPageFrom: selection, step: 1, rows: entryRows)
        case .first: selection = 0
        case .last: selection = entryCount - 1
        }
    }

    /// The furthest entry (going by `step`) whose rows, counted from the one after
    /// `start`, fit in `rows`; at least the next entry, so a page always moves.
    private func entry(aPageFrom start: Int, step: Int, rows: Int) -> Int {
        var entry = start
        var used = 0
        while entry + step >= 0, entry + step < entryCount {
            used += height(of: entry + step)
            if used > rows, entry != start { break }
            entry += step
        }
        return entry
    }
}
