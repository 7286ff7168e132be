/// `TextWrapper`'s rules for a paragraph of printable ASCII, on bytes: every character
/// is one column and a line may break only after a space. The general wrapper walks
/// grapheme clusters and measures each; a streaming reply re-wraps its last paragraph
/// on every frame, and most replies are mostly ASCII. `ASCIIWrapperTests` checks that
/// both give the same rows for any such text.
enum ASCIIWrapper {
    static let space = UInt8(ascii: " ")

    /// Whether `paragraph` is printable ASCII only (no tab, no control byte).
    static func accepts(_ paragraph: Substring) -> Bool {
        paragraph.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
    }

    /// Appends the rows of an ASCII `paragraph` at `width` (at least 1) columns.
    static func wrap(_ paragraph: Substring, width: Int, into lines: inout [String]) {
        var line: [UInt8] = []
        line.reserveCapacity(width)
        // Index in `line` before which it may break (after a space, before a non-space).
        var lastBreak: Int?
        for byte in paragraph.utf8 {
            if line.count + 1 > width {
                if byte == space {
                    lines.append(text(line, trimmed: true))
                    line.removeAll(keepingCapacity: true)
                    lastBreak = nil
                    continue
                }
                if line.last == space, hasText(line[...]) {
                    lines.append(text(line, trimmed: true))
                    line.removeAll(keepingCapacity: true)
                    lastBreak = nil
                } else if let index = lastBreak, hasText(line[..<index]) {
                    lines.append(text(line[..<index], trimmed: true))
                    // The rest follows the last break, so it has none of its own.
                    line.removeSubrange(..<index)
                    lastBreak = nil
                } else {
                    lines.append(text(line, trimmed: false))
                    line.removeAll(keepingCapacity: true)
                    lastBreak = nil
                }
                if line.count + 1 > width {
                    lines.append(text(line, trimmed: false))
                    line.removeAll(keepingCapacity: true)
                    lastBreak = nil
                }
            }
            if byte != space, line.last == space { lastBreak = line.count }
            line.append(byte)
        }
        lines.append(text(line, trimmed: false))
    }

    private static func hasText(_ bytes: ArraySlice<UInt8>) -> Bool {
        bytes.contains { $0 != space }
    }

    private static func text<Bytes: BidirectionalCollection<UInt8>>(_ bytes: Bytes, trimmed: Bool) -> String {
        guard trimmed else { return String(decoding: bytes, as: UTF8.self) }
        var end = bytes.endIndex
        while end > bytes.startIndex, bytes[bytes.index(before: end)] == space { end = bytes.index(before: end) }
        return String(decoding: bytes[..<end], as: UTF8.self)
    }
}
