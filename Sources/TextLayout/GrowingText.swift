/// Helpers for text that grows at its end while a reply streams: the layout of what
/// can no longer change is kept, and only the rest is laid out again.
public enum GrowingText {
    /// Whether `text` still begins with the `count` bytes seen before, judged by their
    /// last bytes (`tail`): streamed text only grows, so a text that was replaced shows
    /// it there. Comparing all of it would cost a pass over the whole reply per frame.
    public static func continues(_ text: String, count: Int, tail: [UInt8]) -> Bool {
        let utf8 = text.utf8
        guard utf8.count >= count else { return false }
        let end = utf8.index(utf8.startIndex, offsetBy: count)
        let start = utf8.index(end, offsetBy: -tail.count)
        return utf8[start..<end].elementsEqual(tail)
    }

    /// The last bytes of `text`, for `continues`.
    public static func tail(of text: Substring) -> [UInt8] { Array(text.utf8.suffix(64)) }

    /// Where row `row` of `rows` (wrapped from `source` by `TextWrapper`) starts in
    /// `source`, when that can be told for certain: every row before it is found in
    /// the source in order, with only spaces between. Nil otherwise.
    public static func start(ofRow row: Int, rows: [String], in source: Substring) -> Substring.Index? {
        var index = source.startIndex
        for text in rows.prefix(row) {
            var visible = Substring(text)
            while visible.last == " " { visible.removeLast() }
            guard source[index...].hasPrefix(visible) else { return nil }
            index = source.index(index, offsetBy: visible.count)
            while index < source.endIndex, source[index] == " " { index = source.index(after: index) }
        }
        guard index < source.endIndex, let first = rows[row].first, first == source[index] else { return nil }
        return index
    }
}

/// `TerminalSafeText.sanitize` of a text that grows at its end: each new byte is
/// made safe once, not once per frame.
public struct IncrementalSanitizer: Sendable {
    private var consumed = 0
    private var consumedTail: [UInt8] = []
    public private(set) var text = ""

    public init() {}

    public mutating func update(_ source: String) -> String {
        if !GrowingText.continues(source, count: consumed, tail: consumedTail) {
            consumed = 0
            text = ""
        }
        let utf8 = source.utf8
        guard utf8.count > consumed else { return text }
        let start = utf8.index(utf8.startIndex, offsetBy: consumed)
        text += TerminalSafeText.sanitize(String(decoding: utf8[start...], as: UTF8.self))
        consumed = utf8.count
        consumedTail = GrowingText.tail(of: Substring(source))
        return text
    }
}
