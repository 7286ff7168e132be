import ChatCore

/// A row of the transcript: line `line` of the message at `index` in `state.messages`.
struct TranscriptPosition: Equatable {
    var index: Int
    var line: Int
}

/// Walks the transcript's rows from a position, laying messages out only when the
/// walk reaches them: the cost is in rows looked at, not in transcript length.
struct TranscriptLines {
    let state: AppState
    let width: Int
    let theme: Theme
    let cache: TranscriptLayoutCache

    var isEmpty: Bool { state.messages.isEmpty }

    func lines(at index: Int) -> [StyledLine] {
        cache.lines(for: state.messages[index], width: width, theme: theme)
    }

    /// The top row of a view of `rows` rows showing the end of the transcript.
    func topShowingEnd(rows: Int) -> TranscriptPosition {
        var remaining = rows
        var index = state.messages.count - 1
        while index >= 0 {
            let count = lines(at: index).count
            if count >= remaining { return TranscriptPosition(index: index, line: count - remaining) }
            remaining -= count
            index -= 1
        }
        return TranscriptPosition(index: 0, line: 0)
    }

    /// The position of `anchor`, or nil when its message is gone and nothing follows it.
    func position(of anchor: TranscriptAnchor) -> TranscriptPosition? {
        guard let index = state.messageIndex(atOrAfter: anchor.messageID) else { return nil }
        var line = state.messages[index].id == anchor.messageID ? anchor.line : 0
        if !anchor.seekingWords.isEmpty, state.messages[index].id == anchor.messageID,
           let found = lines(at: index).firstIndex(where: { $0.contains(anyOf: anchor.seekingWords) }) {
            line = max(0, found - Self.contextAboveFoundWords)
        }
        return TranscriptPosition(index: index, line: min(max(0, line), lines(at: index).count - 1))
    }

    /// Rows shown above a search hit's row, so it is read in context.
    static let contextAboveFoundWords = 2

    func anchor(at position: TranscriptPosition) -> TranscriptAnchor {
        TranscriptAnchor(messageID: state.messages[position.index].id, line: position.line)
    }

    /// `rows` rows down (negative: up), stopping at the first and last rows.
    func move(_ start: TranscriptPosition, by rows: Int) -> TranscriptPosition {
        var position = start
        position.line += rows
        while position.line < 0 {
            guard position.index > 0 else { return TranscriptPosition(index: 0, line: 0) }
            position.index -= 1
            position.line += lines(at: position.index).count
        }
        while position.line >= lines(at: position.index).count {
            guard position.index < state.messages.count - 1 else {
                return TranscriptPosition(index: position.index, line: lines(at: position.index).count - 1)
            }
            position.line -= lines(at: position.index).count
            position.index += 1
        }
        return position
    }

    /// Whether the rows from `position` to the end fit in `rows` rows.
    func endIsWithin(_ rows: Int, from position: TranscriptPosition) -> Bool {
        var count = lines(at: position.index).count - position.line
        var index = position.index + 1
        while count <= rows, index < state.messages.count {
            count += lines(at: index).count
            index += 1
        }
        return count <= rows
    }

    /// Up to `rows` rows from `position` down, each with its message's index.
    func rows(from position: TranscriptPosition, count rows: Int) -> [(line: StyledLine, index: Int)] {
        var result: [(line: StyledLine, index: Int)] = []
        var index = position.index
        var first = position.line
        while result.count < rows, index < state.messages.count {
            for line in lines(at: index).dropFirst(first) {
                guard result.count < rows else { break }
                result.append((line, index))
            }
            first = 0
            index += 1
        }
        return result
    }

    /// "37% · 120/324": how far down the top row is, for the separator while scrolled up.
    func positionLabel(top: TranscriptPosition) -> String {
        let count = state.messages.count
        let percent = count <= 1 ? 0 : top.index * 100 / (count - 1)
        return "\(percent)% · \(top.index + 1)/\(count)"
    }

    /// Where a view of `rows` rows starts for `scroll`, and whether it is held away
    /// from the end (so new output is below it).
    func top(for scroll: TranscriptScroll, rows: Int) -> (position: TranscriptPosition, isAwayFromEnd: Bool) {
        if case let .pinned(anchor) = scroll, let position = position(of: anchor),
           !endIsWithin(rows, from: position) {
            return (position, true)
        }
        return (topShowingEnd(rows: rows), false)
    }

    /// Where `move` takes a view of `rows` rows: following the end once it shows the end.
    func scroll(_ current: TranscriptScroll, _ move: ScrollMove, rows: Int) -> TranscriptScroll {
        guard !isEmpty else { return .following }
        let start = top(for: current, rows: rows).position
        let target: TranscriptPosition
        switch move {
        case let .lines(count): target = self.move(start, by: count)
        case let .pages(count): target = self.move(start, by: count * max(1, rows - 1))
        case .top: target = TranscriptPosition(index: 0, line: 0)
        case let .messages(count):
            // Back from the middle of a message goes to its own start first.
            let base = count < 0 && start.line > 0 ? start.index + 1 : start.index
            target = TranscriptPosition(index: min(max(0, base + count), state.messages.count - 1), line: 0)
        }
        return endIsWithin(rows, from: target) ? .following : .pinned(anchor(at: target))
    }
}
