/// A place in the transcript: row `line` of message `messageID`'s laid-out lines.
/// Anchored to a message, not to a row count from the top, so that a long
/// conversation need not be laid out above the place being read.
public struct TranscriptAnchor: Sendable, Equatable {
    public var messageID: Int
    public var line: Int
    /// When set, the view starts a little above the message's first row holding one
    /// of these words (a search hit deep inside a long reply), not at `line`.
    public var seekingWords: [String]

    public init(messageID: Int, line: Int, seekingWords: [String] = []) {
        self.messageID = messageID
        self.line = line
        self.seekingWords = seekingWords
    }
}

/// Where the transcript view is.
public enum TranscriptScroll: Sendable, Equatable {
    /// Showing the newest rows, and following new output.
    case following
    /// The top row of the view is at the anchor; the view stays put as output arrives.
    case pinned(TranscriptAnchor)
}

/// A scroll the user asked for. Only the view knows how many rows messages take,
/// so the reducer asks for the move (`AppEffect.scrollTranscript`) and the view
/// answers with the new position (`AppAction.transcriptScrolled`).
public enum ScrollMove: Sendable, Equatable {
    case lines(Int)
    case pages(Int)
    /// To the start of the message before (negative) or after the one at the top.
    case messages(Int)
    /// The first row of the first message.
    case top
}
