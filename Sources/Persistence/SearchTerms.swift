import Foundation

/// A search box's text split into words, and the SQL that finds them.
///
/// Words of three or more characters go to the trigram full-text index, which
/// matches them anywhere, inside Chinese runs too. The index cannot look up
/// shorter words (世界, "go"), so those fall back to LIKE on the message text.
struct SearchTerms {
    static let maximumTerms = 8
    static let indexedMinimumLength = 3

    let words: [String]

    init(_ query: String) {
        words = Array(query.split(whereSeparator: \.isWhitespace).map(String.init).prefix(Self.maximumTerms))
    }

    var isEmpty: Bool { words.isEmpty }

    var indexedWords: [String] { words.filter { $0.count >= Self.indexedMinimumLength } }
    var shortWords: [String] { words.filter { $0.count < Self.indexedMinimumLength } }

    /// An FTS5 query that needs every indexed word, each quoted so that no word is
    /// read as FTS syntax (AND, NEAR, "*"…).
    var ftsQuery: String? {
        let indexed = indexedWords
        guard !indexed.isEmpty else { return nil }
        return indexed.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }.joined(separator: " ")
    }

    /// A LIKE pattern matching `word` anywhere, with LIKE's wildcards escaped by `\`.
    static func likePattern(_ word: String) -> String {
        var escaped = ""
        for character in word {
            if character == "%" || character == "_" || character == "\\" { escaped.append("\\") }
            escaped.append(character)
        }
        return "%" + escaped + "%"
    }
}

/// One line of context around the first match of a word in a message.
enum Snippet {
    static let before = 20
    static let after = 50

    static func around(_ words: [String], in text: String) -> String {
        let found = words.lazy.compactMap { text.range(of: $0, options: [.caseInsensitive]) }.first
        let start: String.Index
        let end: String.Index
        if let found {
            start = text.index(found.lowerBound, offsetBy: -before, limitedBy: text.startIndex) ?? text.startIndex
            end = text.index(found.upperBound, offsetBy: after, limitedBy: text.endIndex) ?? text.endIndex
        } else {
            start = text.startIndex
            end = text.index(start, offsetBy: before + after, limitedBy: text.endIndex) ?? text.endIndex
        }
        let excerpt = text[start..<end].split(whereSeparator: { $0.isWhitespace || $0.isNewline })
            .joined(separator: " ")
        return (start > text.startIndex ? "…" : "") + excerpt + (end < text.endIndex ? "…" : "")
    }
}
