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

    public init(words: [String], hits: [StoredMessageID] = [], positions: [Int] = [], branchLength: Int = 0) {
        self.words = words
        self.hits = hits
        self.positions = positions
        self.branchLength = branchLength
    }
}
