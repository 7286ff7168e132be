import TextLayout

/// A whole screen's worth of cells plus where the cursor goes: what views produce
/// and what a terminal backend draws.
public struct Frame: Equatable, Sendable {
    public let width: Int
    public let height: Int
    public private(set) var rows: [[Cell]]
    /// Row and column of the visible cursor, or nil to hide it.
    public var cursor: (row: Int, column: Int)?

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        rows = Array(repeating: Array(repeating: .blank, count: self.width), count: self.height)
    }

    public static func == (lhs: Frame, rhs: Frame) -> Bool {
        lhs.width == rhs.width && lhs.height == rhs.height && lhs.rows == rhs.rows
            && lhs.cursor?.row == rhs.cursor?.row && lhs.cursor?.column == rhs.cursor?.column
    }

    /// Writes `text` at a position, clipped to `maxColumns` (default: to the right edge).
    /// A wide character that would cross the limit is replaced by spaces, never split.
    /// Returns the column after the last cell written.
    @discardableResult
    public mutating func put(_ text: String, row: Int, column: Int, style: Style = .plain,
                             maxColumns: Int? = nil) -> Int {
        putText(text, row: row, column: column, style: style, maxColumns: maxColumns)
    }

    /// `put` for a slice of a string.
    @discardableResult
    public mutating func put(_ text: Substring, row: Int, column: Int, style: Style = .plain,
                             maxColumns: Int? = nil) -> Int {
        putText(text, row: row, column: column, style: style, maxColumns: maxColumns)
    }

    // Generic only inside this module, where it is specialised for `String` and
    // `Substring`: called through a protocol from other modules, every byte went
    // through a witness table.
    private mutating func putText(_ text: some StringProtocol, row: Int, column: Int, style: Style,
                                  maxColumns: Int?) -> Int {
        guard row >= 0, row < height, column >= 0 else { return column }
        let limit = min(width, column + (maxColumns ?? width))
        if let end = putPrintableASCII(text, row: row, column: column, style: style, limit: limit) { return end }
        var x = column
        for character in text {
            let columns = DisplayWidth.of(character)
            if columns == 0 { continue }
            if x + columns > limit {
                while x < limit {
                    rows[row][x] = Cell(" ", style: style)
                    x += 1
                }
                break
            }
            rows[row][x] = Cell(character, style: style)
            for extra in 1..<columns { rows[row][x + extra] = Cell(" ", style: style, isContinuation: true) }
            x += columns
        }
        return x
    }

    /// Most of a frame is printable ASCII, one column per byte: written from the bytes,
    /// without walking grapheme clusters. Nil when the text has anything else in it.
    private mutating func putPrintableASCII(_ text: some StringProtocol, row: Int, column: Int, style: Style,
                                            limit: Int) -> Int? {
        let bytes = text.utf8
        guard bytes.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) else { return nil }
        var x = column
        for byte in bytes {
            guard x < limit else { break }
            rows[row][x] = Cell(Character(Unicode.Scalar(byte)), style: style)
            x += 1
        }
        return x
    }

    /// Blanks a whole row.
    public mutating func clear(row: Int) {
        guard row >= 0, row < height else { return }
        rows[row] = Array(repeating: .blank, count: width)
    }

    /// Paints cells from `column` to the end of the row (or `count` cells) in `style`.
    public mutating func fill(row: Int, from column: Int = 0, count: Int? = nil, style: Style) {
        guard row >= 0, row < height else { return }
        let end = min(width, column + (count ?? width))
        guard column < end else { return }
        for x in max(0, column)..<end { rows[row][x] = Cell(" ", style: style) }
    }

    /// The text of a row, continuation cells skipped, trailing spaces kept.
    public func text(ofRow row: Int) -> String {
        String(rows[row].filter { !$0.isContinuation }.map(\.character))
    }

    /// Every row as text with trailing spaces removed: handy in tests.
    public var lines: [String] {
        (0..<height).map { row in
            var line = text(ofRow: row)
            while line.last == " " { line.removeLast() }
            return line
        }
    }
}
