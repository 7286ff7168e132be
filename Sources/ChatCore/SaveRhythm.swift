/// When a streaming reply is written: at most every `interval`, and only when its text
/// or thinking grew since the last write. The chat screen and `kimichat ask` keep the
/// same rhythm: a crash loses at most that much of a reply.
public struct SaveRhythm: Sendable, Equatable {
    public static let interval: Duration = .milliseconds(200)

    /// Time since the reply started, at the last write.
    private var lastWrite: Duration = .zero
    /// How much text and thinking (in bytes) the last write held.
    private var writtenSize = 0

    public init() {}

    /// Whether to write now, `elapsed` after the reply started, holding `size` bytes;
    /// a yes counts as the write.
    public mutating func isDue(elapsed: Duration, size: Int) -> Bool {
        guard elapsed - lastWrite >= Self.interval, size != writtenSize else { return false }
        lastWrite = elapsed
        writtenSize = size
        return true
    }
}
