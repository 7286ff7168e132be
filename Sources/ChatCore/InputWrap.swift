import TextLayout

/// The input as its pane shows it: hard-wrapped by display width, a tab reaching the next
/// tab stop as in the transcript, and where the cursor lands. The view draws it; the
/// reducer moves Up and Down by its rows.
public struct InputWrap: Sendable, Equatable {
    /// Rows of text as drawn (tabs expanded, controls made visible), without the prompt.
    public var rows: [String] = []
    /// Where each row starts among the input's characters.
    public var rowStarts: [Int] = [0]
    public var cursorRow = 0
    public var cursorColumn = 0

    /// `width`: the columns the text has (the pane's width less the prompt).
    public init(_ input: InputBuffer, width: Int) {
        let width = max(1, width)
        var row = ""
        var rowWidth = 0
        var found = false
        func noteCursor() {
            cursorRow = rows.count
            cursorColumn = rowWidth
            found = true
        }
        for (index, character) in input.characters.enumerated() {
            if index == input.cursor { noteCursor() }
            if character == "\n" {
                rows.append(row)
                rowStarts.append(index + 1)
                row = ""
                rowWidth = 0
                continue
            }
            var cell = Self.cell(character, at: rowWidth)
            if rowWidth + cell.columns > width, rowWidth > 0 {
                rows.append(row)
                rowStarts.append(index)
                row = ""
                rowWidth = 0
                cell = Self.cell(character, at: 0)
                if index == input.cursor { noteCursor() }
            }
            row += cell.shown
            rowWidth += cell.columns
        }
        if !found {
            if rowWidth >= width {
                rows.append(row)
                rowStarts.append(input.characters.count)
                row = ""
                rowWidth = 0
            }
            noteCursor()
        }
        rows.append(row)
    }

    /// The cursor position on `row` nearest `column` (never past the row's end).
    public func index(row: Int, column: Int, in input: InputBuffer) -> Int {
        let start = rowStarts[row]
        let isLast = row + 1 >= rowStarts.count
        let end = isLast ? input.characters.count : rowStarts[row + 1]
        // The next row's first position is drawn on the next row: on a row that wraps or
        // ends in a newline, the last place is before its last character.
        let limit = isLast ? end : max(start, end - 1)
        var x = 0
        var index = start
        while index < limit {
            let columns = Self.cell(input.characters[index], at: x).columns
            if x + columns > column { break }
            x += columns
            index += 1
        }
        return index
    }

    /// How a character is drawn at `column`: a tab as spaces to the next tab stop.
    static func cell(_ character: Character, at column: Int) -> (shown: String, columns: Int) {
        if character == "\t" {
            let spaces = TextWrapper.tabWidth - column % TextWrapper.tabWidth
            return (String(repeating: " ", count: spaces), spaces)
        }
        let shown = TerminalSafeText.sanitize(String(character))
        return (shown, max(0, DisplayWidth.of(shown)))
    }
}
