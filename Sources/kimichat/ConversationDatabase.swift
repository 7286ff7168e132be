import ArgumentParser
import ChatCore
import ChatDomain
import Foundation
import Persistence

/// Opening the conversation database for a command, with errors for the user.
enum ConversationDatabase {
    /// `--db`, else the default place; with `--demo`, the demo's own `demo.sqlite`
    /// in the same folder.
    static func path(_ options: GlobalOptions, folders: UserFolders = UserFolders()) -> String {
        path(db: options.db, demo: options.demo, folders: folders)
    }

    static func path(db: String?, demo: Bool, folders: UserFolders = UserFolders()) -> String {
        let chosen = db.flatMap { $0.isEmpty ? nil : $0 } ?? folders.databasePath
        return demo ? ConversationStore.demoPath(beside: chosen) : chosen
    }

    /// For commands that write (`ask`): the store, created if missing, with replies
    /// abandoned by dead processes marked interrupted. On failure the reason goes to
    /// stderr and the command exits with status 1; a warning about the file's mode
    /// goes to stderr too.
    static func open(_ options: GlobalOptions) throws -> ConversationStore {
        let store = try opening(path(options), access: .create)
        warnAboutExposure(store.path)
        return store
    }

    /// For `list`, `show` and `export`: read-only, creating nothing. Nil when there is
    /// no database yet at the default place; a `--db` that names no file is an error.
    static func openForReading(_ options: GlobalOptions) throws -> ConversationStore? {
        let path = path(options)
        if options.db.map(\.isEmpty) ?? true, !FileManager.default.fileExists(atPath: path) { return nil }
        let store = try opening(path, access: .readOnly)
        warnAboutExposure(store.path)
        return store
    }

    /// For `rm`: read and write, but a file that is not there is not created.
    static func openExisting(_ options: GlobalOptions) throws -> ConversationStore {
        let store = try opening(path(options), access: .existing)
        warnAboutExposure(store.path)
        return store
    }

    /// For the TUI: read and write when this user can write the file, else read-only
    /// (the chat then browses with sending off). Warnings are returned, to be shown in
    /// the transcript.
    static func openForChat(path: String) throws -> (store: ConversationStore, warnings: [String]) {
        let exists = FileManager.default.fileExists(atPath: path)
        let access: ConversationStore.Access = exists && !ConversationStore.isWritable(at: path) ? .readOnly : .create
        return try prepareForChat(try opened(path, access: access))
    }

    /// For the chat, before its command line is parsed: the file as it is, opened
    /// without a change to it (`EarlyDatabase`). What every start does to it —
    /// abandoned replies marked, the search index finished — waits for `prepareForChat`.
    static func openAsItIs(path: String) throws -> ConversationStore {
        try opened(path, access: ConversationStore.isWritable(at: path) ? .upToDate : .readOnly)
    }

    /// The chat's store ready to be read, with the warnings it shows.
    static func prepareForChat(_ store: ConversationStore) throws -> (store: ConversationStore, warnings: [String]) {
        (try prepared(store), ConversationStore.exposureWarning(store.path).map { [$0] } ?? [])
    }

    /// The conversation the chat reopens, read once `opening` is done: the latest, or
    /// none when the chat starts a new one.
    static func reading(_ opening: Task<(store: ConversationStore, warnings: [String]), any Error>, startsNew: Bool)
        -> Task<SavedConversation?, any Error> {
        Task.detached {
            let store = try await opening.value.store
            guard !startsNew, let latest = try store.latestConversation() else { return nil }
            return try store.load(latest.id, newest: AppState.openingWindow)
        }
    }

    private static func opening(_ path: String, access: ConversationStore.Access) throws -> ConversationStore {
        try prepared(try opened(path, access: access))
    }

    private static func opened(_ path: String, access: ConversationStore.Access) throws -> ConversationStore {
        do {
            return try ConversationStore(path: path, access: access)
        } catch {
            throw CommandFailure(error.userMessage)
        }
    }

    /// `store` with replies left streaming by processes that are gone marked interrupted,
    /// and the search index finished if a migration left it to build.
    private static func prepared(_ store: ConversationStore) throws -> ConversationStore {
        do {
            try store.markAbandonedRepliesInterrupted()
            try SearchIndexBuild.finish(store)
            return store
        } catch let error as StorageError {
            throw CommandFailure(error.userMessage)
        }
    }

    private static func warnAboutExposure(_ path: String) {
        guard let warning = ConversationStore.exposureWarning(path) else { return }
        try? FileHandle.standardError.write(contentsOf: Data("kimichat: warning: \(warning)\n".utf8))
    }

    /// A conversation by id, or a failure naming it.
    static func load(_ id: ConversationID, from store: ConversationStore?) throws -> SavedConversation {
        do {
            guard let saved = try store?.load(id) else { throw CommandFailure(StorageError.noSuchConversation(id).userMessage) }
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
        try? FileHandle.standardError.write(contentsOf: Data("kimichat: \(message(for: error))\n".utf8))
        Foundation.exit(1)
    }

    /// What the user reads about `error`.
    static func message(for error: any Error) -> String {
        (error as? CommandFailure)?.description ?? (error as? StorageError)?.userMessage ?? String(describing: error)
    }
}
