import ChatDomain
import Foundation
import GRDB

extension ConversationStore {
    /// The pool on a checked, up-to-date file. Two kimichats that create the same new
    /// file at the same moment can meet while one switches it to WAL; SQLite then
    /// answers "busy" at once, without waiting (it would otherwise deadlock), so the
    /// whole opening is tried again for a while before that counts as a failure.
    static func openPool(at location: String, path: String, configuration: Configuration,
                         isReadOnly: Bool, migrates: Bool) throws -> DatabasePool {
        let deadline = Date().addingTimeInterval(busyTimeout)
        while true {
            do {
                return try openPoolOnce(at: location, path: path, configuration: configuration, isReadOnly: isReadOnly,
                                        migrates: migrates)
            } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY && Date() < deadline {
                usleep(20_000 + UInt32.random(in: 0..<30_000))
            }
        }
    }

    private static func openPoolOnce(at location: String, path: String, configuration: Configuration,
                                     isReadOnly: Bool, migrates: Bool) throws -> DatabasePool {
        // Opening a pool writes (it sets up WAL), so a file we must not touch is
        // recognised first through a read-only connection.
        try checkExistingFile(at: location, path: path)
        let pool = try DatabasePool(path: location, configuration: configuration)
        if isReadOnly || !migrates {
            guard try pool.read({ try StorageSchema.migrator.hasCompletedMigrations($0) }) else {
                throw StorageError.cannotOpen(path: path, reason: isReadOnly
                    ? "it is empty or was made by an older kimichat, and bringing it up to date needs write access"
                    : "it needs bringing up to date, which this opening may not do")
            }
            if isReadOnly { return pool }
        }
        // Each commit reaches the disk before it returns (GRDB's WAL set-up chose
        // NORMAL): a reply saved is a reply kept, even through a power cut.
        try pool.writeWithoutTransaction { try $0.execute(sql: "PRAGMA synchronous = FULL") }
        if !migrates { return pool }
        // Another kimichat may be creating the same new file at the same moment: GRDB
        // applies each migration in a transaction of its own, so the two can interleave
        // and one finds a table the other has just made. What the other did is what this
        // one would have done: look again at what is applied, a few times.
        var attempt = 1
        while true {
            do {
                try StorageSchema.migrator.migrate(pool)
                return pool
            } catch {
                guard attempt < 8 else { throw error }
                attempt += 1
                usleep(10_000 + UInt32.random(in: 0..<20_000))
            }
        }
    }
}
