/// Helpers for text that grows at its end while a reply streams: the layout of what
/// can no longer change is kept, and only the rest is laid out again.
public enum GrowingText {
    /// How much of a growing text has been dealt with for good: a byte count, and the
    /// last bytes before it, by which a text that was replaced rather than extended is
    /// noticed. Comparing all of it would cost a pass over the whole reply per frame.
    public struct Mark: Sendable, Equatable {
        public private(set) var count = 0
        private var tail: [UInt8] = []

        public init() {}

        /// Everything in `text` before `end`.
        public init(_ text: String, through end: String.Index) {
            count = text.utf8.distance(from: text.startIndex, to: end)
            tail = Array(text.utf8[..<end].suffix(64))
        }

        /// Whether `text` still begins with the bytes marked (streamed text only grows).
        public func holds(in text: String) -> Bool {
            let utf8 = text.utf8
            guard utf8.count >= count else { return false }
            let end = utf8.index(utf8.startIndex, offsetBy: count)
            return utf8[utf8.index(end, offsetBy: -tail.count)..<end].elementsEqual(tail)
        }

        /// Where the marked part ends in `text` (one that `holds`).
        public func end(in text: String) -> String.Index {
            text.utf8.index(text.startIndex, offsetBy: count)
        }
    }

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
    private var consumed = GrowingText.Mark()
    public private(set) var text = ""

    public init() {}

    public mutating func update(_ source: String) -> String {
        if !consumed.holds(in: source) {
            consumed = GrowingText.Mark()
            text = ""
        }
        let start = consumed.end(in: source)
        guard start < source.endIndex else { return text }
        text += TerminalSafeText.sanitize(String(decoding: source.utf8[start...], as: UTF8.self))
        consumed = GrowingText.Mark(source, through: source.endIndex)
        return text
    }
}
