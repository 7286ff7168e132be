import ChatDomain

/// Identifies one request for a reply, so that late events of a stopped request are ignored.
public typealias RequestID = Int

/// The reply being streamed now.
public struct ActiveReply: Sendable, Equatable {
    public internal(set) var requestID: RequestID
    public let messageID: Int
    /// Deltas received so far (roughly tokens), for the tokens-per-second display.
    public var deltas = 0
    /// Spinner ticks since the request started; ticks come every `AppState.tickSeconds`.
    public var ticks = 0
    /// Tokens a second as the status bar shows them: worked out on ticks only (once a
    /// second), so a delta repaints the text it adds and not the status bar too.
    public var shownRate: Int?
    /// When the streaming reply is written next.
    var saving = SaveRhythm()
    /// The request's turns, estimated before calibration: compared with the prompt
    /// tokens the API reports, to calibrate the estimate.
    var estimatedPromptTokens: Double = 0
    /// The usage reported for this reply has adjusted the estimate (it may come twice).
    var hasCalibrated = false
    /// Earlier rounds (question and answer) the request carried.
    public var roundsSent = 0
    /// The try failed and the next waits: shown as a countdown, from `retryTick`.
    public var retry: RetryNotice?
    public var retryTick = 0
    /// Seconds since the retry's wait began.
    public var retryElapsed: Double { Double(ticks - retryTick) * AppState.tickSeconds }
    /// Stream events that could not be read and were skipped, and the first reason.
    public var unreadableEvents = 0
    public var firstUnreadable: String?
    /// The transcript id of the question answered.
    var questionID = 0
    /// The request declared `$web_search`; the calls the reply is making.
    var webSearch = false
    var toolCalls = ToolCallAssembly()
    /// The history limit the request was planned with (after a context overflow).
    var roundsAtMost: Int?
    /// A continued reply's usage before it went on: its usage is both together.
    var usageBefore: Usage?
}

/// Every piece of state the app has. Views read it; only `reduce` changes it.
public struct AppState: Sendable, Equatable {
    public static let tickSeconds = 0.1
    /// Ticks between updates of the shown tokens-a-second.
    static let rateEveryTicks = 10

    public var settings: ChatSettings
    /// The branch shown: its questions and replies, and the notices between them.
    public var messages: [TranscriptMessage] = []
    /// Every branch of the open conversation, and the entries of those not shown.
    public internal(set) var tree = TranscriptTree()
    public var input = InputBuffer()
    public var activeReply: ActiveReply?
    public var scroll: TranscriptScroll = .following
    /// Output arrived below the view since it was scrolled away from the end: what the
    /// "↓ new output below" mark says, so it shows only when it is true.
    public var hasNewOutputBelow = false
    /// The columns the input's text has on screen, as the layout last reported them: Up
    /// and Down move by the rows it wraps into. Nil before the first frame.
    public var inputColumns: Int?
    /// The model last chosen with Ctrl-T, and in which open conversation (its key): a 404
    /// for it says Ctrl-T, not --model.
    public var pickerChoice: PickerChoice?
    public var conversation: OpenConversation
    public var overlay: Overlay?
    /// The rows an overlay has on screen, as the layout last reported them: pages are
    /// this tall. A guess until the first frame.
    public var overlayRows = 20
    /// Words of the search that opened this conversation, marked in the message found.
    public var highlight: TranscriptHighlight?
    /// Bumped whenever the transcript is replaced, so layout caches start over.
    public private(set) var transcriptEpoch = 0
    /// The models to choose from (the endpoint's, merged with the catalogue).
    public var models: [ModelInfo]
    /// Why the endpoint's list is not shown, when it is not.
    public var modelsNote: String?
    /// How tokens are counted when history is fitted to the context window.
    public var tokenEstimate = TokenEstimate()
    /// Walking through earlier messages with Up/Down: which one is shown, and the
    /// unsent text to come back to.
    public var inputRecall: InputRecall?
    /// Ctrl-X was pressed: the next key completes a two-key command (`ChordKeyMap`).
    public var awaitsChordKey = false
    /// Alt-E: the question being rewritten, and the draft to come back to.
    public var editing: BranchEdit?
    /// A short note for the status bar ("Press Ctrl-C again to quit").
    public var statusNote: String?
    /// The code block Alt-C copied last, while Alt-C is pressed again and again.
    public var codeBlockCopy: CodeBlockCopy?
    /// The last request was too long for the context window: Ctrl-R retries with at
    /// most this many earlier rounds.
    public var overflowRetryRounds: Int?
    /// Ctrl-C was pressed once on an idle screen; a second one quits.
    public var quitArmed = false
    /// Inside a bracketed paste: Enter inserts a newline instead of sending.
    public var isPasting = false
    /// What the bracketed paste under way has brought so far: a paste that is exactly a
    /// file's path offers to attach it.
    var pastedText: String?
    /// Files waiting to go with the next message (Alt-A).
    public var tray = AttachmentTray()
    /// Alt-A's path prompt, while open.
    public var pathPrompt: PathPrompt?
    /// F3's find line, while it is open.
    public var find: FindLine?
    /// A pasted path that names a file: Enter attaches it.
    public var attachOffer: AttachOffer?
    /// Enter was pressed while an attachment was on its way: the message goes when it is ready.
    public var sendsWhenAttached = false
    var nextAttachmentID = 1
    /// The account's balance, for help (F1); nil until help first opens.
    public var balance: BalanceReading?
    /// A request was refused for the quota: the balance, once read, is explained if spent.
    var explainsBalance = false
    /// Where F1 was pressed: help goes back to it.
    var helpReturn: Overlay?
    /// The key tables help shows first: those of where F1 was pressed.
    public var helpFirstSections: [String] = []
    public var lastUsage: Usage?
    public var isQuitting = false

    var nextMessageID = 1
    /// Earlier messages' entries take ids below this one (`takeEarlierIDs`).
    var lowestMessageID = 0
    /// The part of a long conversation not read yet, when the transcript is a window.
    public internal(set) var earlier: EarlierMessages?
    /// Alt-Left/Right asked for a version whose branch was not read: the conversation
    /// being read for it.
    var branchLoad: ConversationID?
    var nextRequestID = 1
    var nextConversationKey = 2
    var nextSearch = 1

    /// The state at start: `saved` is the conversation to reopen, if any.
    public init(settings: ChatSettings, reopening saved: SavedConversation? = nil, models: [ModelInfo] = []) {
        self.settings = settings
        self.models = models
        conversation = OpenConversation(key: 1, model: settings.model)
        if let saved {
            replaceTranscript(with: saved)
            if settings.modelIsExplicit { conversation.model = settings.model }
        } else if let preset = settings.startPreset {
            apply(preset)
            if settings.modelIsExplicit { conversation.model = settings.model }
        }
        repeatStandingNotices()
        if settings.isDemo {
            appendMessage(kind: .notice, text: "Demo mode: replies come from kimichat's built-in offline server, "
                + "not from Kimi. Ask it about code, a table, markdown, 中文, think or long to see what kimichat draws; "
                + "it reads files (Alt-A), sees images and searches (Alt-W) in its own way too. "
                + "Set MOONSHOT_API_KEY and start without --demo to talk to the real API.")
        } else if !settings.hasAPIKey {
            appendMessage(kind: .notice, text: ChatError.missingKeyHelp)
        }
    }

    public var isStreaming: Bool { activeReply != nil }

    /// The facts about the open conversation's model.
    public var currentModel: ModelInfo { ModelLineup.info(for: conversation.model, in: models) }

    public func message(withID id: Int) -> TranscriptMessage? {
        messages.last(where: { $0.id == id })
    }

    /// Where the message with `id` is, or else the first message after it. Ids grow
    /// along the transcript, so this is a binary search.
    public func messageIndex(atOrAfter id: Int) -> Int? {
        var low = 0
        var high = messages.count
        while low < high {
            let middle = (low + high) / 2
            if messages[middle].id < id { low = middle + 1 } else { high = middle }
        }
        return low < messages.count ? low : nil
    }

    /// Appends an entry to the branch shown. A question or reply goes under the branch's
    /// last node, or under `parent` (the branch is cut back to it first: a new version).
    @discardableResult
    mutating func appendMessage(kind: MessageKind, text: String, status: ReplyStatus = .complete,
                                model: String? = nil, under parent: Int? = nil) -> Int {
        let id = nextMessageID
        nextMessageID += 1
        var message = TranscriptMessage(id: id, kind: kind, text: text, status: status, model: model)
        if message.isTurn {
            if let parent, parent != tree.leaf { showBranch(endingAt: parent) }
            tree.add(id, under: tree.leaf)
            message.branch = tree.position(of: id)
        } else {
            message.node = tree.leaf
        }
        messages.append(message)
        return id
    }

    /// Shows `saved` in place of the current transcript, after `notice` if one is given.
    mutating func replaceTranscript(with saved: SavedConversation, notice: String? = nil) {
        messages = []
        tree = TranscriptTree()
        conversation = OpenConversation(key: takeConversationKey(), id: saved.summary.id, title: saved.summary.title,
                                        model: saved.summary.model.isEmpty ? settings.model : saved.summary.model)
        conversation.webSearch = saved.summary.webSearch
        conversation.settings = saved.summary.settings
        if let notice { appendMessage(kind: .notice, text: notice) }
        loadTree(of: saved)
        noteEarlierMessages(of: saved)
        lastUsage = messages.last { $0.kind == .assistant && $0.usage != nil }?.usage
        startOver()
    }

    /// What stays true for the whole run (a config file others can read, sending off
    /// for a read-only database): said at start, and again when a reload replaces the
    /// transcript under the reader.
    mutating func repeatStandingNotices() {
        for warning in settings.warnings { appendMessage(kind: .error, text: warning) }
        if let reason = settings.sendingOffReason { appendMessage(kind: .notice, text: reason) }
    }

    /// An empty transcript for a conversation not saved yet.
    mutating func startNewConversation() {
        messages = []
        tree = TranscriptTree()
        earlier = nil
        conversation = OpenConversation(key: takeConversationKey(), model: settings.model)
        lastUsage = nil
        startOver()
    }

    private mutating func startOver() {
        highlight = nil
        find = nil
        editing = nil
        overflowRetryRounds = nil
        scroll = .following
        statusNote = nil
        transcriptEpoch += 1
    }

    private mutating func takeConversationKey() -> Int {
        defer { nextConversationKey += 1 }
        return nextConversationKey
    }

    mutating func takeMessageID() -> Int {
        defer { nextMessageID += 1 }
        return nextMessageID
    }

    /// Edits message `id` where it is: on the branch shown, or waiting on another.
    mutating func editMessage(id: Int, _ change: (inout TranscriptMessage) -> Void) {
        guard let index = messages.lastIndex(where: { $0.id == id }) else {
            tree.editStashed(id, change)
            return
        }
        messages[index].edit(change)
    }
}
