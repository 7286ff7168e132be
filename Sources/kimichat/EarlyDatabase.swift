import ChatCore
import ChatDomain
import Foundation
import Persistence
import Synchronization

/// The chat's database opened, and its conversation read, while the command line is
/// still being parsed: parsing takes 5–7 ms of every start, most of it the argument
/// parser looking up its types, and nothing in it changes which file opens
/// (docs/performance.md). The arguments are only glanced at for `--db`, `--demo`,
/// `--new` and `--preset`; the chat adopts this work only when what it parsed names
/// the same file and the same choice, and otherwise starts its own.
enum EarlyDatabase {
    typealias Opening = Task<(store: ConversationStore, warnings: [String]), any Error>
    typealias Reading = Task<SavedConversation?, any Error>

    struct Started: Sendable {
        var path: String
        var startsNew: Bool
        var opening: Opening
        var reading: Reading
    }

    private static let started = Mutex<Started?>(nil)

    /// From `main`, before parsing: starts opening the file these arguments name, when
    /// they are the chat's and the file exists (an early look never creates one, so
    /// `kimichat --wrong-flag` leaves no new file behind).
    static func begin(_ arguments: [String]) {
        guard let guess = ChatArgumentsGuess(arguments) else { return }
        let path = ConversationDatabase.path(db: guess.database, demo: guess.demo)
        guard FileManager.default.fileExists(atPath: path) else { return }
        let opening = Opening.detached { try ConversationDatabase.openForChat(path: path) }
        let reading = ConversationDatabase.reading(opening, startsNew: guess.startsNew)
        started.withLock { $0 = Started(path: path, startsNew: guess.startsNew, opening: opening, reading: reading) }
    }

    /// The early opening of `path`, if it is the one that began; its reading too when it
    /// made the same choice between a new conversation and the latest.
    static func take(path: String, startsNew: Bool) -> (opening: Opening, reading: Reading?)? {
        guard let early = started.withLock({ value -> Started? in defer { value = nil }; return value }),
              early.path == path else { return nil }
        return (early.opening, early.startsNew == startsNew ? early.reading : nil)
    }
}

/// What a chat's command line says about its database, read without the parser.
struct ChatArgumentsGuess: Equatable {
    var database: String?
    var demo = false
    var startsNew = false

    /// Nil unless the arguments can only be the chat's: no subcommand but `chat`, no
    /// help or version.
    init?(_ arguments: [String]) {
        var rest = arguments[...]
        if rest.first == "chat" { rest = rest.dropFirst() }
        if let first = rest.first, !first.hasPrefix("-") { return nil }
        var index = rest.startIndex
        while index < rest.endIndex {
            let argument = rest[index]
            switch argument {
            case "-h", "--help", "--version", "--generate-completion-script":
                return nil
            case "--db":
                index += 1
                guard index < rest.endIndex else { return nil }
                database = rest[index]
            case "--demo":
                demo = true
            case "--new":
                startsNew = true
            case "--preset":
                startsNew = true
            default:
                if argument.hasPrefix("--db=") { database = String(argument.dropFirst("--db=".count)) }
                if argument.hasPrefix("--preset=") { startsNew = true }
            }
            index += 1
        }
    }
}
