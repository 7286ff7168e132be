import ChatDomain

/// The part of a long conversation's branch not read yet: the transcript starts with
/// its newest messages (a window the store read), and earlier ones come in as the view
/// scrolls up or as a request needs them for its history.
public struct EarlierMessages: Sendable, Equatable {
    /// How many a scroll or a request reads at a time.
    public static let pageSize = 500
    /// How many a request waiting for its history reads at a time, and how many are read
    /// ahead after a long conversation opens. With the opening window that is 2,300: the
    /// 200 the window gave up to start sooner are read here, after the first frame, so a
    /// send finds as much history read as before (docs/performance.md, start-up).
    static let historyPage = 2_200
    /// The view reading within this many entries of the top asks for the next page.
    static let nearTheTop = 50

    /// The oldest message read on the branch shown.
    public var oldestRow: StoredMessageID
    /// Its parent, where the branch goes on above; nil once the first question is read.
    public var parentOfOldest: StoredMessageID?
    /// The conversation's messages not read yet, on every branch.
    public var notLoaded: Int
    /// Versions read whose follow-ups were not.
    public var unexplored: Set<StoredMessageID>
    /// A page is being read.
    public var isLoading = false
    /// A reply asked for while the history it may take was not all read: it goes once
    /// the earlier messages are in (or the first question is).
    var waitingReply: WaitingReply?
    /// The transcript's first entry, saying what is above.
    var markerID: Int?

    init(_ window: LoadedWindow) {
        oldestRow = window.oldestOnBranch
        parentOfOldest = window.parentOfOldest
        notLoaded = window.notLoaded
        unexplored = window.unexplored
    }

    var markerText: String {
        isLoading ? "Reading earlier messages…"
            : "↑ \(DigitGrouping.text(notLoaded)) earlier message\(notLoaded == 1 ? "" : "s") not read yet: they come in as you scroll up"
    }
}

/// `requestReply`'s arguments, kept while the history it needs is read.
struct WaitingReply: Sendable, Equatable {
    var questionID: Int
    var roundsAtMost: Int?
    var replyRow: StoredMessageID?
    var searches: [SearchRound]
}
