import Foundation
import GRDB

/// A search box's text turned into a walk of the full-text index (`message_search`,
/// tokenized by `words_and_pairs`): what to MATCH, and what each candidate message
/// must also hold.
///
/// A word of letters and digits matches the start of a word ("pom" finds
/// pomegranate), case and accents aside. Chinese and Japanese match anywhere, by their
/// character pairs (a single character by the pairs it starts). A word with other
/// characters in it ("50%", "f_n", "c++") must appear as typed, ASCII case aside: the
/// index narrows the candidates where it safely can and LIKE decides.
struct SearchQuery {
    static let maximumWords = 8
    /// A typed prefix becomes the exact words it starts, OR-ed, when there are at most
    /// this many: FTS5 walks exact words lazily, newest first, but gathers a prefix's
    /// whole list before giving its first row.
    static let maximumExpansion = 256

    let words: [String]

    init(_ query: String) {
        words = Array(query.split(whereSeparator: \.isWhitespace).map(String.init).prefix(Self.maximumWords))
    }

    var isEmpty: Bool { words.isEmpty }

    /// How the messages holding every word are found.
    enum Plan: Equatable {
        /// No message can match: a word starts no word the index holds.
        case nothing
        /// Walk the index newest first with this MATCH, keeping rows that pass `filters`.
        case index(match: String, filters: [Filter])
        /// Nothing the index can narrow (every word is punctuation): LIKE on every message.
        case scan
    }

    struct Filter: Equatable {
        var sql: String
        var value: String
    }

    func plan(_ db: Database) throws -> Plan {
        var clauses: [String] = []
        var filters: [Filter] = []
        for word in words {
            let tokens = try Self.tokens(of: word, db)
            let isPlain = word.allSatisfy { $0.isLetter || $0.isNumber }
            if !isPlain { filters.append(Filter(sql: "m.text LIKE ? ESCAPE '\\'", value: Self.likePattern(word))) }
            for run in Self.cjkRuns(in: word) where run.count >= 3 {
                // Pairs say which characters meet, not in which order along the run.
                filters.append(Filter(sql: "instr(m.text, ?) > 0", value: run))
            }
            for (index, token) in tokens.enumerated() {
                // Inside "50%" the "0" may end a longer word ("50"): only a token the
                // typed text shows starting a word can look the index up.
                if !isPlain, index == 0, token.first != Self.pairMark, word.first.map({ $0.isLetter || $0.isNumber }) == true { continue }
                guard let clause = try Self.clause(for: token, db) else { return .nothing }
                clauses.append(clause)
            }
        }
        return clauses.isEmpty ? .scan : .index(match: clauses.joined(separator: " AND "), filters: filters)
    }

    /// The index's tokens for one typed word, as its tokenizer reads a query.
    static func tokens(of word: String, _ db: Database) throws -> [String] {
        guard let json = try String.fetchOne(db, sql: "SELECT search_terms(?)", arguments: [word]) else { return [] }
        return (try? JSONDecoder().decode([String].self, from: Data(json.utf8))) ?? []
    }

    private static let pairMark: Character = "\u{01}"

    /// A token as an FTS5 clause; nil when it is a prefix of no word in the index.
    private static func clause(for token: String, _ db: Database) throws -> String? {
        if token.first == pairMark {
            // One character alone is a prefix of the pairs it starts (the index keeps
            // every two-character prefix); a pair is itself.
            return token.count == 2 ? quoted(token) + "*" : quoted(token)
        }
        if token.count <= 2 { return quoted(token) + "*" }
        let expansion = try String.fetchAll(db, sql: """
            SELECT word FROM search_word WHERE word >= ? AND word < ? ORDER BY word LIMIT ?
            """, arguments: [token, token + "\u{10FFFF}", maximumExpansion + 1])
        if expansion.isEmpty { return nil }
        if expansion.count > maximumExpansion { return quoted(token) + "*" }
        return "(" + expansion.map(quoted).joined(separator: " OR ") + ")"
    }

    private static func quoted(_ token: String) -> String {
        "\"" + token.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Runs of the characters the tokenizer pairs (its `is_cjk`).
    static func cjkRuns(in word: String) -> [String] {
        var runs: [String] = []
        var run = ""
        for scalar in word.unicodeScalars {
            if isPaired(scalar.value) { run.unicodeScalars.append(scalar); continue }
            if !run.isEmpty { runs.append(run); run = "" }
        }
        if !run.isEmpty { runs.append(run) }
        return runs
    }

    private static func isPaired(_ value: UInt32) -> Bool {
        (0x3040...0x30FF).contains(value) || (0x31F0...0x31FF).contains(value) || (0x3400...0x4DBF).contains(value)
            || (0x4E00...0x9FFF).contains(value) || (0xF900...0xFAFF).contains(value) || (0x20000...0x3134F).contains(value)
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
