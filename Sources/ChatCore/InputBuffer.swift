/// The text being typed, with a cursor, and the readline-style edits on it.
public struct InputBuffer: Sendable, Equatable {
    public private(set) var characters: [Character]
    /// Index into `characters`: the cursor sits before this character.
    public private(set) var cursor: Int
    /// The last text cut with Ctrl-K/U/W, for Ctrl-Y.
    public private(set) var killRing: String = ""

    public init(_ text: String = "") {
        characters = Array(text)
        cursor = characters.count
    }

    public var text: String { String(characters) }
    public var isEmpty: Bool { characters.isEmpty }
    public var isBlank: Bool { characters.allSatisfy { $0.isWhitespace } }

    public mutating func insert(_ text: String) {
        let new = Array(text)
        characters.insert(contentsOf: new, at: cursor)
        cursor += new.count
    }

    mutating func moveCursor(to index: Int) {
        cursor = min(max(0, index), characters.count)
    }

    public mutating func clear() {
        characters.removeAll()
        cursor = 0
    }

    public mutating func deleteBackward() {
        guard cursor > 0 else { return }
        characters.remove(at: cursor - 1)
        cursor -= 1
    }

    public mutating func deleteForward() {
        guard cursor < characters.count else { return }
        characters.remove(at: cursor)
    }

    public mutating func moveLeft() { cursor = max(0, cursor - 1) }
    public mutating func moveRight() { cursor = min(characters.count, cursor + 1) }

    public mutating func moveToLineStart() { cursor = lineStart(of: cursor) }
    public mutating func moveToLineEnd() { cursor = lineEnd(of: cursor) }

    /// Moves to the same column of the previous logical line; false when on the first line.
    @discardableResult
    public mutating func moveUp() -> Bool {
        let start = lineStart(of: cursor)
        guard start > 0 else { return false }
        let column = cursor - start
        let previousStart = lineStart(of: start - 1)
        cursor = min(previousStart + column, start - 1)
        return true
    }

    /// Moves to the same column of the next logical line; false when on the last line.
    @discardableResult
    public mutating func moveDown() -> Bool {
        let end = lineEnd(of: cursor)
        guard end < characters.count else { return false }
        let column = cursor - lineStart(of: cursor)
        let nextStart = end + 1
        cursor = min(nextStart + column, lineEnd(of: nextStart))
        return true
    }

    public mutating func moveWordBackward() { cursor = wordStart(before: cursor) }

    public mutating func moveWordForward() {
        cursor = wordEnd(after: cursor)
    }

    /// Alt-D: cuts from the cursor to the end of the next word.
    public mutating func killWordForward() {
        cut(cursor..<wordEnd(after: cursor))
    }

    public mutating func killToLineEnd() {
        let end = lineEnd(of: cursor)
        // At the end of a line, Ctrl-K joins the next line, as in readline's multi-line editors.
        let stop = end == cursor && end < characters.count ? end + 1 : end
        cut(cursor..<stop)
    }

    public mutating func killToLineStart() {
        let start = lineStart(of: cursor)
        cut(start..<cursor)
        cursor = start
    }

    public mutating func killWordBackward() {
        let start = wordStart(before: cursor)
        cut(start..<cursor)
        cursor = start
    }

    public mutating func yank() { insert(killRing) }

    /// Line and column (in characters) of the cursor within the logical lines.
    public var cursorLineAndColumn: (line: Int, column: Int) {
        var line = 0
        var lineStartIndex = 0
        for index in 0..<cursor where characters[index] == "\n" {
            line += 1
            lineStartIndex = index + 1
        }
        return (line, cursor - lineStartIndex)
    }

    private mutating func cut(_ range: Range<Int>) {
        guard !range.isEmpty else { return }
        killRing = String(characters[range])
        characters.removeSubrange(range)
    }

    private func lineStart(of index: Int) -> Int {
        var index = index
        while index > 0, characters[index - 1] != "\n" { index -= 1 }
        return index
    }

    private func lineEnd(of index: Int) -> Int {
        var index = index
        while index < characters.count, characters[index] != "\n" { index += 1 }
        return index
    }

    private func wordEnd(after index: Int) -> Int {
        var index = index
        while index < characters.count, !isWordCharacter(characters[index]) { index += 1 }
        while index < characters.count, isWordCharacter(characters[index]) { index += 1 }
        return index
    }

    private func wordStart(before index: Int) -> Int {
        var index = index
        while index > 0, !isWordCharacter(characters[index - 1]) { index -= 1 }
        while index > 0, isWordCharacter(characters[index - 1]) { index -= 1 }
        return index
    }

    private func isWordCharacter(_ character: Character) -> Bool {
        character.isLetter || character.isNumber || character == "_"
    }
}
