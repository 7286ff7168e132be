import ChatDomain
import Foundation
import GRDB

/// The conversation database: one SQLite file in WAL mode, shared safely by several
/// kimichat processes (each waits for the other's write instead of failing).
public final class ConversationStore: ConversationRepository {
    /// How long a write waits for another process's write before giving up.
    static let busyTimeout: TimeInterval = 10

    public let path: String
    let pool: DatabasePool
    private let processID = getpid()
    /// Each conversation as this store last saw it, to tell other windows' changes
    /// from our own (`change(of:)`).
    let observed = ObservedConversations()
    /// The branch the last find in a conversation walked (F3).
    let branchPaths = BranchPathCache()
    private let isProcessAlive: @Sendable (Int32) -> Bool

    /// How a store opens its file.
    public enum Access: Sendable {
        /// Read and write, creating the file (0600, in 0700 folders) if it is missing.
        case create
        /// Read and write a file that must exist (`kimichat rm`).
        case existing
        /// Read only, a file that must exist: nothing is created or written.
        case readOnly
        /// Read and write a file that must exist and be up to date: opening it changes
        /// nothing, and a file that needs a migration is refused instead (the chat opens
        /// its file this way while its command line is still being parsed).
        case upToDate
    }

    /// Opened read-only: writes are refused, and `markOpened` and the abandoned-reply
    /// sweep do nothing.
    public let isReadOnly: Bool

    /// Opens the database at `path` and brings its schema up to date (not when read
    /// only). A file from a newer kimichat, or one that is not a healthy SQLite
    /// database, is left untouched and reported as a `StorageError`.
    public init(path: String, access: Access = .create,
                isProcessAlive: @escaping @Sendable (Int32) -> Bool = ConversationStore.processIsAlive)
        throws(StorageError) {
        self.path = path
        self.isProcessAlive = isProcessAlive
        isReadOnly = access == .readOnly
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
            throw .cannotOpen(path: path, reason: "it is a folder; --db names the database file itself, e.g. "
                + (path as NSString).appendingPathComponent("kimichat.sqlite"))
        }
        switch access {
        case .create:
            // SQLite gives the -wal and -shm it makes the database file's mode, so a
            // file made private first keeps all three private.
            do throws(FileProblem) { try PrivateFiles.createFile(path) } catch {
                throw error.isPermissionDenied ? .permissionDenied(path: error.path, action: error.action)
                    : .cannotOpen(path: path, reason: error.description)
            }
        case .existing, .readOnly, .upToDate:
            guard FileManager.default.fileExists(atPath: path) else { throw .noDatabase(path: path) }
        }
        var configuration = Configuration()
        configuration.busyMode = .timeout(Self.busyTimeout)
        configuration.label = "kimichat"
        configuration.readonly = isReadOnly
        configuration.prepareDatabase { db in
            // A new file's page size (an existing file keeps its own): 8 KiB pages leave
            // less unused at their ends than 4 KiB with rows of a few hundred bytes, 4%
            // of the file (docs/performance.md, issue 19). Set before GRDB turns WAL on.
            try db.execute(sql: "PRAGMA page_size = 8192")
            try SearchIndex.register(db)
        }
        let location = isReadOnly ? Self.readOnlyLocation(path) : path
        do {
            pool = try Self.openPool(at: location, path: path, configuration: configuration, isReadOnly: isReadOnly,
                                     migrates: access != .upToDate)
        } catch let error as StorageError {
            throw error
        } catch {
            throw Self.openingError(error, path: path)
        }
    }

    public static let processIsAlive: @Sendable (Int32) -> Bool = { pid in
        kill(pid, 0) == 0 || errno == EPERM
    }

    // MARK: - Conversations

    public func createConversation(title: String, model: String) throws -> ConversationSummary {
        try writing { db in
            let now = Date().timeIntervalSince1970
            try db.execute(sql: """
                INSERT INTO conversation (title, model, created_at, updated_at) VALUES (?, ?, ?, ?)
                """, arguments: [title, model, now, now])
            let date = Date(timeIntervalSince1970: now)
            observed.saw(db.lastInsertedRowID, ConversationStamp(title: title, updatedAt: now, messageCount: 0))
            return ConversationSummary(id: db.lastInsertedRowID, title: title, model: model, createdAt: date,
                                       updatedAt: date, messageCount: 0)
        }
    }

    public func summary(of conversation: ConversationID) throws -> ConversationSummary? {
        try reading { db in
            try Self.summary(of: conversation, db)
        }
    }

    public func latestConversation() throws -> ConversationSummary? {
        try reading { db in
            // The newest by either time is the newest written to and the newest opened,
            // each an index's first entry: at 10,000 conversations reading them all to
            // sort cost 5 ms of every start.
            try Row.fetchOne(db, sql: """
                SELECT \(Rows.summarySelection) FROM conversation WHERE id IN (
                    (SELECT id FROM conversation ORDER BY updated_at DESC, id DESC LIMIT 1),
                    (SELECT id FROM conversation WHERE opened_at IS NOT NULL ORDER BY opened_at DESC, id DESC LIMIT 1))
                ORDER BY MAX(updated_at, COALESCE(opened_at, 0)) DESC, id DESC LIMIT 1
                """).map { try Rows.summary($0) }
        }
    }

    public func markOpened(_ conversation: ConversationID) throws {
        // Only a convenience (which conversation reopens next); a read-only file keeps its own.
        if isReadOnly { return }
        try writing { db in
            try db.execute(sql: "UPDATE conversation SET opened_at = ? WHERE id = ?",
                           arguments: [Date().timeIntervalSince1970, conversation])
        }
    }

    public func load(_ conversation: ConversationID) throws -> SavedConversation? {
        try reading { db in
            guard let summary = try Self.summary(of: conversation, db) else { return nil }
            // Read in the same transaction as the messages: this is what the reader has.
            observed.saw(conversation, try ConversationStamp.read(conversation, db))
            var messages: [StoredMessage] = []
            messages.reserveCapacity(summary.messageCount)
            let rows = try Row.fetchCursor(db, sql: """
                SELECT \(Rows.messageSelection) FROM message WHERE conversation_id = ? ORDER BY id
                """, arguments: [conversation])
            while let row = try rows.next() { messages.append(try Rows.message(row)) }
            let attachments = try AttachmentRows.load(conversation: conversation, db)
            if !attachments.isEmpty {
                for index in messages.indices {
                    if let id = messages[index].id, let found = attachments[id] { messages[index].attachments = found }
                }
            }
            let leaf = try StoredMessageID.fetchOne(db, sql: "SELECT current_leaf_id FROM conversation WHERE id = ?",
                                                    arguments: [conversation])
            return SavedConversation(summary: summary, tree: MessageTree(messages: messages, currentLeaf: leaf))
        }
    }

    static func summary(of conversation: ConversationID, _ db: Database) throws -> ConversationSummary? {
        try Row.fetchOne(db, sql: "SELECT \(Rows.summarySelection) FROM conversation WHERE id = ?",
                         arguments: [conversation]).map { try Rows.summary($0) }
    }

    public func rename(_ conversation: ConversationID, to title: String) throws {
        try writing(to: conversation) { db in
            try db.execute(sql: "UPDATE conversation SET title = ?, title_is_custom = 1 WHERE id = ?",
                           arguments: [title, conversation])
            if db.changesCount == 0 { throw StorageError.noSuchConversation(conversation) }
        }
    }

    public func setSettings(_ conversation: ConversationID, _ settings: ConversationSettings) throws {
        try writing(to: conversation) { db in
            try db.execute(sql: "UPDATE conversation SET settings = ? WHERE id = ?", arguments: [settings.json, conversation])
            if db.changesCount == 0 { throw StorageError.noSuchConversation(conversation) }
        }
    }

    public func setWebSearch(_ conversation: ConversationID, on: Bool) throws {
        try writing(to: conversation) { db in
            try db.execute(sql: "UPDATE conversation SET web_search = ? WHERE id = ?", arguments: [on, conversation])
            if db.changesCount == 0 { throw StorageError.noSuchConversation(conversation) }
        }
    }

    public func setModel(_ conversation: ConversationID, to model: String) throws {
        try writing(to: conversation) { db in
            try db.execute(sql: "UPDATE conversation SET model = ? WHERE id = ?", arguments: [model, conversation])
            if db.changesCount == 0 { throw StorageError.noSuchConversation(conversation) }
        }
    }

    @discardableResult
    public func delete(_ conversation: ConversationID) throws -> Bool {
        let deleted = try writing { db in
            try db.execute(sql: "DELETE FROM conversation WHERE id = ?", arguments: [conversation])
            return db.changesCount > 0
        }
        observed.saw(conversation, nil)
        branchPaths.forget()
        return deleted
    }

    // MARK: - Messages

    @discardableResult
    public func save(_ message: StoredMessage, in conversation: ConversationID,
                     placement: MessagePlacement) throws -> StoredMessageID {
        let processID = self.processID
        return try writing(to: conversation) { db in
            // Deleted meanwhile (from the list, or by `kimichat rm` elsewhere): the
            // caller hears so and can save into a new conversation instead.
            guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM conversation WHERE id = ?)",
                                    arguments: [conversation]) == true else {
                throw StorageError.noSuchConversation(conversation)
            }
            let now = Date().timeIntervalSince1970
            let values = Rows.messageValues(message, writerPID: processID, now: now)
            var id: StoredMessageID?
            var inserted: StoredMessageID?
            if let existing = message.id {
                let assignments = Rows.messageColumns.map { "\($0) = ?" }.joined(separator: ", ")
                try db.execute(sql: "UPDATE message SET \(assignments) WHERE id = ? AND conversation_id = ?",
                               arguments: StatementArguments(values + [existing, conversation]))
                if db.changesCount > 0 { id = existing }
            }
            if id == nil {
                let parent: StoredMessageID?
                switch placement {
                case .automatic: parent = try Self.defaultParent(of: message, in: conversation, db)
                case .root: parent = nil
                case let .under(row): parent = row
                }
                try db.execute(sql: Rows.insertMessage, arguments: StatementArguments(
                    [conversation, message.createdAt?.timeIntervalSince1970 ?? now, parent] + values))
                id = db.lastInsertedRowID
                inserted = id
                if let inserted { try AttachmentRows.insert(message.attachments, of: inserted, db) }
            }
            // A message added becomes the current leaf: what comes next continues from it.
            try db.execute(sql: """
                UPDATE conversation SET updated_at = ?, model = COALESCE(?, model),
                    current_leaf_id = COALESCE(?, current_leaf_id) WHERE id = ?
                """, arguments: [now, message.role == .assistant ? message.model : nil, inserted, conversation])
            return id ?? db.lastInsertedRowID
        }
    }

    public func selectBranch(_ conversation: ConversationID, leaf: StoredMessageID) throws {
        if isReadOnly { return }
        // Our own write: another window sees it as a change (its next message would
        // otherwise follow a branch it does not show); this one does not.
        try writing(to: conversation) { db in
            try db.execute(sql: """
                UPDATE conversation SET current_leaf_id = ?
                WHERE id = ? AND EXISTS (SELECT 1 FROM message WHERE id = ? AND conversation_id = ?)
                """, arguments: [leaf, conversation, leaf, conversation])
        }
    }

    /// Where a message saved without a parent goes: after the branch shown, except that
    /// a reply right after a reply answers the same question (Ctrl-R) — the same rule
    /// that linked the messages of databases from before trees.
    static func defaultParent(of message: StoredMessage, in conversation: ConversationID,
                              _ db: Database) throws -> StoredMessageID? {
        guard let leaf = try Row.fetchOne(db, sql: """
            SELECT m.id, m.role, m.parent_id FROM conversation c JOIN message m ON m.id = c.current_leaf_id
            WHERE c.id = ?
            """, arguments: [conversation]) else { return nil }
        return TreeMigration.parentOf(role: message.role.rawValue, after: (leaf[0], leaf[1], leaf[2]))
    }

    /// A streaming reply not written for this long is abandoned even if a process
    /// with its writer's pid runs (pids are reused); a live writer saves every 0.25 s.
    static let abandonedAfter: TimeInterval = 600

    /// Run at start, before this process writes: a streaming row with this process's
    /// own pid was left by an earlier process that had the same pid.
    @discardableResult
    public func markAbandonedRepliesInterrupted() throws -> Int {
        if isReadOnly { return 0 }
        let isProcessAlive = self.isProcessAlive
        let processID = self.processID
        return try writing { db in
            let streaming = try Row.fetchAll(db, sql: """
                SELECT id, writer_pid, updated_at FROM message WHERE status = 'streaming'
                """)
            let staleBefore = Date().timeIntervalSince1970 - Self.abandonedAfter
            var abandoned: [StoredMessageID] = []
            for row in streaming {
                let writer: Int32? = try row.decode(atIndex: 1)
                let updated: Double = try row.decode(Double?.self, atIndex: 2) ?? 0
                if let writer, writer != processID, isProcessAlive(writer), updated >= staleBefore { continue }
                abandoned.append(try row.decode(atIndex: 0))
            }
            for id in abandoned {
                try db.execute(sql: "UPDATE message SET status = 'interrupted', writer_pid = NULL WHERE id = ?",
                               arguments: [id])
            }
            return abandoned.count
        }
    }

    /// Adds whole conversations in one transaction (for imports and for seeding
    /// benchmark databases); returns their ids.
    @discardableResult
    public func importConversations(_ conversations: [SavedConversation]) throws -> [ConversationID] {
        try writing { db in
            try conversations.map { saved in
                let summary = saved.summary
                try db.execute(sql: """
                    INSERT INTO conversation (title, model, created_at, updated_at, web_search, settings)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """, arguments: [summary.title, summary.model, summary.createdAt.timeIntervalSince1970,
                                     summary.updatedAt.timeIntervalSince1970, summary.webSearch, summary.settings.json])
                let id = db.lastInsertedRowID
                let insert = try db.cachedStatement(sql: Rows.insertMessage)
                // The branch shown, as a list: each message after the one before.
                var parent: StoredMessageID?
                for message in saved.messages {
                    let created = message.createdAt?.timeIntervalSince1970 ?? summary.updatedAt.timeIntervalSince1970
                    try insert.execute(arguments: StatementArguments(
                        [id, created, parent] + Rows.messageValues(message, writerPID: processID, now: created)))
                    parent = db.lastInsertedRowID
                    if let parent { try AttachmentRows.insert(message.attachments, of: parent, db) }
                }
                try db.execute(sql: "UPDATE conversation SET current_leaf_id = ? WHERE id = ?", arguments: [parent, id])
                return id
            }
        }
    }

    // MARK: - Access with errors as values

    func reading<T>(_ body: (Database) throws -> T) throws(StorageError) -> T {
        do { return try pool.read(body) } catch { throw Self.storageError(error, path: path) }
    }

    func writing<T>(_ body: (Database) throws -> T) throws(StorageError) -> T {
        do { return try pool.write(body) } catch { throw Self.storageError(error, path: path) }
    }

    static func storageError(_ error: any Error, path: String) -> StorageError {
        if let storage = error as? StorageError { return storage }
        guard let database = error as? DatabaseError else { return .failed(String(describing: error)) }
        switch database.resultCode {
        case .SQLITE_NOTADB, .SQLITE_CORRUPT: return .damaged(path: path, reason: database.message ?? "corrupt")
        case .SQLITE_READONLY, .SQLITE_PERM, .SQLITE_AUTH:
            return .permissionDenied(path: path, action: "write")
        // The message alone: GRDB's description carries SQLite's error number.
        default: return .failed(database.message ?? "the database refused")
        }
    }

    static func openingError(_ error: any Error, path: String) -> StorageError {
        guard let database = error as? DatabaseError else { return .cannotOpen(path: path, reason: String(describing: error)) }
        switch database.resultCode {
        case .SQLITE_NOTADB, .SQLITE_CORRUPT: return .damaged(path: path, reason: database.message ?? "corrupt")
        case .SQLITE_READONLY, .SQLITE_PERM, .SQLITE_AUTH:
            return .permissionDenied(path: path, action: "write")
        case .SQLITE_CANTOPEN where access(path, R_OK) != 0 && errno == EACCES:
            return .permissionDenied(path: path, action: "read")
        case .SQLITE_CANTOPEN where !isWritable(at: path):
            // A WAL database needs its -wal and -shm beside it.
            return .permissionDenied(path: path, action: "open")
        default: return .cannotOpen(path: path, reason: database.message ?? "the database refused")
        }
    }
}
