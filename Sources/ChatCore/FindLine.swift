import ChatDomain

/// F3's find line: what is typed, what the store found for it, and which hit is shown.
/// Hits are messages of the branch shown, whether read yet or not; the store finds
/// them (`findInConversation`), so typing never waits for a search.
public struct FindLine: Sendable, Equatable {
    public var field = InputBuffer()
    /// The newest search asked for; an answer to an older one is dropped.
    var search = 0
    /// What the store found for the text as it was; nil before the first answer.
    public private(set) var found: FoundInConversation?
    /// The text `found` answers.
    var foundText = ""
    /// The hit shown: an index into `found.hits`.
    public var current: Int?
    /// The row of a hit above what is read: shown once the pages down to it are in.
    var awaitedRow: StoredMessageID?
    /// The hits in id order, to tell a message's row apart as a hit cheaply.
    private var sortedHits: [StoredMessageID] = []

    public init() {}

    /// The words to mark on screen.
    public var words: [String] { found?.words ?? [] }

    mutating func take(_ found: FoundInConversation, for text: String) {
        self.found = found
        foundText = text
        current = nil
        let ascending = zip(found.hits, found.hits.dropFirst()).allSatisfy { $0 < $1 }
        sortedHits = ascending ? found.hits : found.hits.sorted()
    }

    /// Whether the message saved as `row` holds the words.
    public func isHit(_ row: StoredMessageID) -> Bool {
        sortedHits.sortedIndex(of: row) != nil
    }

    /// "3 of 41", "no hits", or nothing while there is nothing to say.
    public var counter: String {
        guard let found, !found.words.isEmpty else { return "" }
        guard !found.hits.isEmpty else { return "no hits" }
        // The hit nearest the view is shown; the rest are being counted.
        guard found.isComplete else { return "…" }
        let total = DigitGrouping.text(found.hits.count)
        let count = current.map { DigitGrouping.text($0 + 1) + " of " + total } ?? total + " found"
        return awaitedRow == nil ? count : count + " · reading earlier messages…"
    }

    /// The text changed since the answer shown: a newer one is on its way.
    public var isSearching: Bool { field.text != foundText && !field.text.allSatisfy(\.isWhitespace) }
}
