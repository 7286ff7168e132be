import ArgumentParser
import ChatDomain
import Foundation
import Persistence

/// Opening the conversation database for a command, with errors for the user.
enum ConversationDatabase {
    static func path(_ options: GlobalOptions) -> String {
        options.db.flatMap { $0.isEmpty ? nil : $0 } ?? ConversationStore.defaultPath()
    }

    /// The store, with replies abandoned by dead processes marked interrupted. On
    /// failure the reason goes to stderr and the command exits with status 1.
    static func open(_ options: GlobalOptions) throws -> ConversationStore {
        do {
            let store = try ConversationStore(path: path(options))
            try store.markAbandonedRepliesInterrupted()
            return store
        } catch let error as StorageError {
            throw CommandFailure(error.userMessage)
        } catch {
            throw CommandFailure(String(describing: error))
        }
    }

    /// A conversation by id, or a failure naming it.
    static func load(_ id: ConversationID, from store: ConversationStore) throws -> SavedConversation {
        do {
            guard let saved = try store.load(id) else { throw CommandFailure(StorageError.noSuchConversation(id).userMessage) }
            return saved
        } catch let error as StorageError {
            throw CommandFailure(error.userMessage)
        }
    }
}

/// A command failed in a way the user can fix: the message goes to stderr, exit status 1.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String
    init(_ message: String) { description = message }
}

extension CommandFailure {
    /// Prints `kimichat: message` to stderr and exits with status 1.
    static func report(_ error: any Error) -> Never {
        let message = (error as? CommandFailure)?.description ?? (error as? StorageError)?.userMessage
            ?? String(describing: error)
        try? FileHandle.standardError.write(contentsOf: Data("kimichat: \(message)\n".utf8))
        Foundation.exit(1)
    }
}
