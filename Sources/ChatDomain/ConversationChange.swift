/// What another connection (another kimichat window, `kimichat rm`) did to a
/// conversation since this one last loaded or wrote it. This connection's own writes
/// never count as a change.
public enum ConversationChange: Sendable, Equatable {
    case unchanged
    /// Turns were added or updated, or the title changed.
    case changed
    case deleted
}
