import ChatDomain
import Foundation
import ScreenKit

/// Something that happened, named as a fact. The reducer decides what it means.
public enum AppAction: Sendable, Equatable {
    case keyPressed(Key)
    /// Characters typed or pasted in one go (the runtime merges consecutive character
    /// keys, so a large paste is one action, not one per character).
    case textEntered(String)
    case streamEvent(RequestID, StreamEvent)
    /// Events of one reply that arrived within one frame, in order: one action, one redraw.
    case streamEvents(RequestID, [StreamEvent])
    /// The reply stream ended without an error (whether or not `[DONE]` came).
    case streamEnded(RequestID)
    case streamFailed(RequestID, ChatError)
    /// The view worked out where a scroll the reducer asked for lands.
    case transcriptScrolled(TranscriptScroll)
    /// The layout gives an overlay this many rows (it changes with the window and the input).
    case overlayRowsMeasured(Int)
    /// The input's text has this many columns (the window's width changed).
    case inputColumnsMeasured(Int)
    /// The database created the conversation that `key` stood for.
    case conversationSaved(key: Int, ConversationSummary)
    /// A message of this run was saved for the first time, as `row`, at `at`.
    case messageStored(conversationKey: Int, localID: Int, row: StoredMessageID, at: Date)
    /// Ctrl-X F made a new conversation from a branch: here it is, saved.
    case conversationForked(SavedConversation)
    /// Results of a conversation search, read at `readAt`.
    case conversationsFound(search: Int, [ConversationMatch], readAt: Date)
    /// A saved conversation was read, to be shown; `focus` is the message to scroll to.
    case conversationLoaded(SavedConversation, focus: StoredMessageID?, words: [String])
    /// Another window changed the open conversation (turns, title): here it is as
    /// saved, with the runtime's number for the change.
    case conversationChangedElsewhere(SavedConversation, change: Int)
    /// The messages of a long conversation's branch above `above` (the oldest read), with
    /// their other versions; `window` says what is still above (nil: nothing).
    case earlierMessagesLoaded(ConversationID, above: StoredMessageID, [StoredMessage], LoadedWindow?)
    /// Another window (or `kimichat rm`) deleted the open conversation.
    case conversationDeletedElsewhere(ConversationID)
    /// Before the request went out, its conversation was found changed elsewhere; the
    /// request was not sent.
    case historyChangedBeforeSending(RequestID, ChangedHistory)
    /// Reading or writing the database failed.
    case storageFailed(String)
    /// The external editor closed: the text it left, or why it failed.
    case externalEditFinished(Result<String, ExternalEditFailure>)
    /// The model lineup, with a quiet note when the endpoint's list could not be had.
    case modelsListed([ModelInfo], note: String?)
    /// A spinner tick while a reply streams.
    case tick
    /// A file being attached reached the next step (uploaded, extracting).
    case attachmentProgressed(id: Int, AttachmentProgress)
    /// A file is ready to go with the next message.
    case attachmentPrepared(id: Int, Attachment)
    /// A file could not be attached: why, in words for the user.
    case attachmentFailed(id: Int, String)
    /// Tab in the path prompt: the path completed as far as it is unambiguous, and the
    /// names that still fit when more than one does.
    case pathCompleted(request: Int, path: String, choices: [String])
    /// A bracketed paste was the path of a file.
    case pastedFileFound(path: String, pasted: String)
    /// The account's balance, as read (or why it could not be).
    case balanceRead(BalanceReading)
    /// What a find in the open conversation (F3) found, for search number `search`.
    case foundInConversation(search: Int, FoundInConversation)
    /// The first frame is on the screen: work that waited for it may start.
    case firstFrameDrawn
    /// SIGTERM, SIGHUP, SIGINT: leave cleanly.
    case terminationRequested
    /// A copy went out but cannot reach the clipboard (tmux's set-clipboard is not on).
    case clipboardUnavailable(String)
}

/// Work the reducer asks the runtime to do.
public enum AppEffect: Sendable, Equatable {
    case startReply(RequestID, ChatRequest)
    case cancelReply(RequestID)
    /// Write a message (creating its conversation on first use). Saves run in order,
    /// and a reply request starts only after the saves asked for before it.
    case saveMessage(MessageSave)
    case searchConversations(search: Int, query: String)
    /// F3: the messages of the branch ending at `leaf` that hold `query`: first the one
    /// nearest the view (from the message saved as `from` down), then all of them
    /// (`foundInConversation`, twice).
    case findInConversation(search: Int, OpenConversation, leaf: MessageParent, query: String, from: StoredMessageID?)
    case openConversation(ConversationID, focus: StoredMessageID?, words: [String])
    /// Read `count` messages of the branch above `above` (`earlierMessagesLoaded`).
    case loadEarlierMessages(ConversationID, above: StoredMessageID, count: Int)
    /// The branch ending at `leaf` is the one shown: the conversation keeps it.
    case selectBranch(OpenConversation, leaf: MessageParent)
    /// Save a branch as a new conversation, and open it.
    case forkConversation(ConversationFork)
    case renameConversation(ConversationID, title: String)
    case deleteConversation(ConversationID)
    case scrollTranscript(ScrollMove)
    /// Open $VISUAL/$EDITOR on this text (the input), the terminal handed over meanwhile.
    case editExternally(String)
    /// Put this text on the system clipboard; how (OSC 52) is the terminal backend's business.
    case copyToClipboard(String)
    /// Ctrl-Z: hand the terminal to the shell until it continues kimichat.
    case suspend
    /// Refresh the model lineup (from the cache or the endpoint) in the background.
    case fetchModels
    /// The conversation's model changed: save it with the conversation.
    case setConversationModel(OpenConversation)
    /// Alt-W: saves whether web search is on.
    case setConversationWebSearch(OpenConversation)
    /// Alt-S: saves the conversation's own settings.
    case setConversationSettings(OpenConversation)
    /// Reads a file for the tray; a document is uploaded and extracted, its upload deleted.
    case prepareAttachment(id: Int, path: String)
    /// Tab in the path prompt.
    case completePath(request: Int, String)
    /// A bracketed paste that may be a file's path.
    case checkPastedPath(path: String, pasted: String)
    /// Reads the account's balance; the runtime asks the endpoint at most once a minute,
    /// unless `fresh` (after a request was refused for the quota, the last reading may be old).
    case readBalance(fresh: Bool)
    case quit
}

/// Why the external editor did not give text back.
public struct ExternalEditFailure: Error, Sendable, Equatable {
    public var reason: String
    public init(_ reason: String) { self.reason = reason }
}

/// A branch to save as a conversation of its own (Ctrl-X F).
public struct ConversationFork: Sendable, Equatable {
    public var title: String
    public var model: String
    public var messages: [StoredMessage]
    /// The conversation's Alt-W switch goes with the fork.
    public var webSearch: Bool

    /// And its settings.
    public var settings = ConversationSettings()

    public init(title: String, model: String, messages: [StoredMessage], webSearch: Bool = false,
                settings: ConversationSettings = ConversationSettings()) {
        self.title = title
        self.model = model
        self.messages = messages
        self.webSearch = webSearch
        self.settings = settings
    }
}
