import ChatDomain

/// The open conversation as saved, found changed by another window just before a
/// request went out: the request is held back, and the reducer sends it again with
/// this history.
public struct ChangedHistory: Sendable, Equatable {
    /// The conversation as saved, with the held-back question and its empty reply row.
    public var saved: SavedConversation
    /// The runtime's number for this change (`OpenConversation.shownChange`).
    public var change: Int
    /// The row the held-back reply was saved as.
    public var replyRow: StoredMessageID
    /// The row its question was saved as: another window's question may have been
    /// saved between the two, so "the last question before the reply" is not enough.
    public var questionRow: StoredMessageID?
    /// The conversation had been deleted elsewhere: `saved` is the new one the
    /// question went to.
    public var replacesDeleted: Bool

    public init(saved: SavedConversation, change: Int, replyRow: StoredMessageID, questionRow: StoredMessageID? = nil,
                replacesDeleted: Bool) {
        self.saved = saved
        self.change = change
        self.replyRow = replyRow
        self.questionRow = questionRow
        self.replacesDeleted = replacesDeleted
    }
}
