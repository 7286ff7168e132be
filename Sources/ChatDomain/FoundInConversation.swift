/// What a find in one conversation (F3) found: the messages of the branch shown that
/// hold every word, oldest first, and where each sits on that branch.
public struct FoundInConversation: Sendable, Equatable {
    /// The words as typed, for marking them on screen.
    public var words: [String]
    /// The matching messages, in the branch's order (root first).
    public var hits: [StoredMessageID]
    /// Each hit's place on the branch, counted from its first question (0).
    public var positions: [Int]
    /// How many messages the branch has, up to the message the find started from.
    public var branchLength: Int
    /// Every hit is here; false for the first answer of a find, which has only the
    /// hit to show (`FindScope.nearest`) while the rest are counted.
    public var isComplete: Bool

    public init(words: [String], hits: [StoredMessageID] = [], positions: [Int] = [], branchLength: Int = 0,
                isComplete: Bool = true) {
        self.words = words
        self.hits = hits
        self.positions = positions
        self.branchLength = branchLength
        self.isComplete = isComplete
    }
}

/// How much of a find's answer to give.
public enum FindScope: Sendable, Equatable {
    /// Every hit.
    case all
    /// The first hit at or below the message saved as `from` (the top of the view), or
    /// without one the last hit: what the first frame needs, found in a few rows.
    case nearest(from: StoredMessageID?)
}
