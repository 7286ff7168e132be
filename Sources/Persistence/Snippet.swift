import Foundation

/// One line of context around the first match of a word in a message.
enum Snippet {
    static let before = 20
    static let after = 50

    static func around(_ words: [String], in text: String) -> String {
        let found = words.lazy.compactMap { firstRange(of: $0, in: text) }.first
        let start: String.Index
        let end: String.Index
        if let found {
            start = text.index(found.lowerBound, offsetBy: -before, limitedBy: text.startIndex) ?? text.startIndex
            end = text.index(found.upperBound, offsetBy: after, limitedBy: text.endIndex) ?? text.endIndex
        } else {
            start = text.startIndex
            end = text.index(start, offsetBy: before + after, limitedBy: text.endIndex) ?? text.endIndex
        }
        var excerpt = ""
        var spaceBefore = false
        for scalar in text[start..<end].unicodeScalars {
            if isWhitespace(scalar) { spaceBefore = !excerpt.isEmpty; continue }
            if spaceBefore { excerpt.append(" "); spaceBefore = false }
            excerpt.unicodeScalars.append(scalar)
        }
        return (start > text.startIndex ? "…" : "") + excerpt + (end < text.endIndex ? "…" : "")
    }

    /// Where `word` first appears in `text`, ASCII case aside: compared as UTF-8 bytes,
    /// which keeps a list of 200 hits within a frame (Foundation's case-insensitive
    /// `range(of:)` took two thirds of a search).
    static func firstRange(of word: String, in text: String) -> Range<String.Index>? {
        let needle = Array(word.utf8).map(lowercased)
        guard let first = needle.first else { return nil }
        let bytes = text.utf8
        var start = bytes.startIndex
        while let candidate = bytes[start...].firstIndex(where: { lowercased($0) == first }) {
            var matched = bytes.index(after: candidate)
            var offset = 1
            while offset < needle.count, matched < bytes.endIndex, lowercased(bytes[matched]) == needle[offset] {
                matched = bytes.index(after: matched)
                offset += 1
            }
            if offset == needle.count { return candidate..<matched }
            start = bytes.index(after: candidate)
        }
        return nil
    }

    /// Unicode's White_Space, spelt out: asking each scalar's properties was most of
    /// a search's time once the lookup itself was quick.
    private static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: true
        default: false
        }
    }

    private static func lowercased(_ byte: UInt8) -> UInt8 {
        byte >= 65 && byte <= 90 ? byte + 32 : byte
    }
}
