import Foundation
import Persistence
import Synchronization

/// The chat's database opened while the command line is still being parsed: parsing
/// takes 5–7 ms of every start, most of it the argument parser looking up its types,
/// and opening as long again (docs/performance.md). The arguments are only glanced at
/// for `--db` and `--demo`. The file is opened as it is — nothing created, migrated or
/// marked — so a command line that then fails, or is not the chat's, leaves it as it
/// was; the chat adopts the opening only when what it parsed names the same file.
enum EarlyDatabase {
    private struct Started: Sendable {
        var path: String
        var opening: Task<ConversationStore, any Error>
    }

    private static let started = Mutex<Started?>(nil)

    /// From `main`, before parsing: starts opening the file these arguments name, when
    /// they are the chat's and the file exists.
    static func begin(_ arguments: [String]) {
        guard let guess = ChatArgumentsGuess(arguments) else { return }
        let path = ConversationDatabase.path(db: guess.database, demo: guess.demo)
        guard FileManager.default.fileExists(atPath: path) else { return }
        let opening = Task.detached { try ConversationDatabase.openAsItIs(path: path) }
        started.withLock { $0 = Started(path: path, opening: opening) }
    }

    /// The early opening of `path`, if it is the one that began; forgotten either way.
    static func take(path: String) -> Task<ConversationStore, any Error>? {
        let early = started.withLock { value -> Started? in
            defer { value = nil }
            return value
        }
        guard let early, early.path == path else { return nil }
        return early.opening
    }
}

/// What a chat's command line says about its database, read without the parser.
struct ChatArgumentsGuess: Equatable {
    var database: String?
    var demo = false

    /// Nil unless the arguments can only be the chat's: no subcommand but `chat`, no
    /// help, version or completion script.
    init?(_ arguments: [String]) {
        var rest = arguments[...]
        if rest.first == "chat" { rest = rest.dropFirst() }
        if let first = rest.first, !first.hasPrefix("-") { return nil }
        var index = rest.startIndex
        while index < rest.endIndex {
            let argument = rest[index]
            if argument == "--" || argument.hasPrefix("--help") || argument == "-h" || argument == "--version"
                || argument.hasPrefix("--generate-completion-script") || argument.hasPrefix("---")
                || argument.hasPrefix("--experimental") {
                return nil
            }
            if argument == "--db" {
                index += 1
                guard index < rest.endIndex else { return nil }
                database = rest[index]
            } else if argument.hasPrefix("--db=") {
                database = String(argument.dropFirst("--db=".count))
            } else if argument == "--demo" {
                demo = true
            }
            index += 1
        }
    }
}
