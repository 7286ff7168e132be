import ChatDomain

/// Identifies one request for a reply, so that late events of a stopped request are ignored.
public typealias RequestID = Int

/// The reply being streamed now.
public struct ActiveReply: Sendable, Equatable {
    public let requestID: RequestID
    public let messageID: Int
    /// Deltas received so far (roughly tokens), for the tokens-per-second display.
    public var deltas = 0
    /// Spinner ticks since the request started; ticks come every `AppState.tickSeconds`.
    public var ticks = 0
}

/// Where the transcript view is.
public enum TranscriptScroll: Sendable, Equatable {
    /// Showing the newest rows, and following new output.
    case following
    /// Showing rows from `topRow` down, staying put as output arrives.
    case pinned(topRow: Int)
}

/// Every piece of state the app has. Views read it; only `reduce` changes it.
public struct AppState: Sendable, Equatable {
    public static let tickSeconds = 0.1

    public var settings: ChatSettings
    public var messages: [TranscriptMessage] = []
    public var input = InputBuffer()
    public var activeReply: ActiveReply?
    public var scroll: TranscriptScroll = .following
    /// Rows the transcript takes when laid out at the current width (told by the view).
    public var transcriptRows = 0
    /// Rows of the transcript pane (told by the view).
    public var transcriptViewportRows = 1
    /// A short note for the status bar ("Press Ctrl-C again to quit").
    public var statusNote: String?
    /// Ctrl-C was pressed once on an idle screen; a second one quits.
    public var quitArmed = false
    /// Inside a bracketed paste: Enter inserts a newline instead of sending.
    public var isPasting = false
    public var lastUsage: Usage?
    public var isQuitting = false

    var nextMessageID = 1
    var nextRequestID = 1

    public init(settings: ChatSettings) {
        self.settings = settings
        if settings.isDemo {
            appendMessage(kind: .notice, text: "Demo mode: replies come from kimichat's built-in offline server, "
                + "not from Kimi. Set MOONSHOT_API_KEY and start without --demo to talk to the real API.")
        } else if !settings.hasAPIKey {
            appendMessage(kind: .notice, text: ChatError.missingKeyHelp)
        }
    }

    public var isStreaming: Bool { activeReply != nil }

    public func message(withID id: Int) -> TranscriptMessage? {
        messages.last(where: { $0.id == id })
    }

    @discardableResult
    mutating func appendMessage(kind: MessageKind, text: String, status: ReplyStatus = .complete,
                                model: String? = nil) -> Int {
        let id = nextMessageID
        nextMessageID += 1
        messages.append(TranscriptMessage(id: id, kind: kind, text: text, status: status, model: model))
        return id
    }

    mutating func editMessage(id: Int, _ change: (inout TranscriptMessage) -> Void) {
        guard let index = messages.lastIndex(where: { $0.id == id }) else { return }
        messages[index].edit(change)
    }
}
