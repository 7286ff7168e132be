import ChatDomain
import Foundation

/// The conversation list overlay (Ctrl-O): a filter, what the last search found,
/// and which entry is selected. Entry 0 is "new conversation"; entry n is `matches[n-1]`.
public struct ConversationList: Sendable, Equatable {
    public enum Mode: Sendable, Equatable {
        case browsing
        /// Editing a conversation's title. The target is named, not "the selection":
        /// search results arriving meanwhile may move the selection.
        case renaming(ConversationID, InputBuffer)
        /// Waiting for "y" to delete this conversation.
        case confirmingDelete(ConversationID)

        var target: ConversationID? {
            switch self {
            case .browsing: return nil
            case let .renaming(id, _), let .confirmingDelete(id): return id
            }
        }
    }

    public var filter = InputBuffer()
    public var matches: [ConversationMatch] = []
    public var selection = 0
    public var mode: Mode = .browsing
    /// The search whose results are awaited; older results are dropped when they arrive.
    public var requestedSearch = 0
    public var isSearching = true
    /// When the shown results were read, so dates can say "today".
    public var readAt: Date?
    /// The conversation asked to open; its contents are on their way.
    public var opening: ConversationID?

    /// At most this many conversations are listed unfiltered; typing reaches the rest.
    public static let unfilteredLimit = 5_000
    /// At most this many hits are listed for a filter: the newest ones, each with an
    /// excerpt. More typing narrows a very common word.
    public static let filteredLimit = 200

    public static func limit(for query: String) -> Int {
        query.allSatisfy(\.isWhitespace) ? unfilteredLimit : filteredLimit
    }

    public init() {}

    public var entryCount: Int { matches.count + 1 }

    /// The selected conversation, or nil when "new conversation" is selected.
    public var selectedMatch: ConversationMatch? {
        selection > 0 && selection <= matches.count ? matches[selection - 1] : nil
    }

    /// The conversation a rename or delete is about, while one is asked.
    public var targetMatch: ConversationMatch? {
        mode.target.flatMap { id in matches.first { $0.id == id } }
    }

    /// The filter's words, for highlighting what a full-text hit matched.
    public var filterWords: [String] {
        filter.text.split(whereSeparator: \.isWhitespace).map(String.init)
    }
}

/// What is drawn over the transcript, taking the keys while it is open.
public enum Overlay: Sendable, Equatable {
    case conversations(ConversationList)
    case models(ModelPicker)
    /// Ctrl-X T: every question on every branch.
    case outline(OutlineBrowser)
    /// Help, scrolled down by `firstEntry` entries.
    case help(firstEntry: Int)
    /// Alt-S: the conversation's settings.
    case settings(SettingsEditor)
    /// Ctrl-N with presets: which to start from.
    case presets(PresetChooser)
}
