import Foundation
import GRDB

/// The conversation database as `kimichat doctor` reports it: how big, which schema,
/// whether SQLite's quick check passes. Read-only: it never creates, migrates or locks
/// out a running chat.
public struct DatabaseHealth: Sendable, Equatable {
    public var sizeBytes: Int
    /// Migrations applied, and how many this kimichat knows.
    public var schemaVersion: Int
    public var latestSchemaVersion: Int
    /// SQLite's `PRAGMA quick_check`: "ok", or what it found.
    public var quickCheck: String

    /// The file's health, or why it could not be read, in words.
    public static func check(path: String) -> Result<DatabaseHealth, DatabaseHealthProblem> {
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(2)
        do {
            // Opened as the store opens a file it may not write: immutable where WAL cannot be read.
            let queue = try DatabaseQueue(path: ConversationStore.readOnlyLocation(path), configuration: configuration)
            defer { try? queue.close() }
            return try queue.read { db in
                let applied = try db.tableExists("grdb_migrations")
                    ? try StorageSchema.migrator.appliedIdentifiers(db).count : 0
                let rows = try String.fetchAll(db, sql: "PRAGMA quick_check")
                return .success(DatabaseHealth(sizeBytes: size, schemaVersion: applied,
                                               latestSchemaVersion: StorageSchema.migrator.migrations.count,
                                               quickCheck: rows.joined(separator: "; ")))
            }
        } catch let error as DatabaseError {
            let reason: String
            switch error.resultCode {
            case .SQLITE_NOTADB: reason = "it is not an SQLite database"
            case .SQLITE_CORRUPT: reason = "it is damaged"
            case .SQLITE_CANTOPEN: reason = "it could not be opened"
            case .SQLITE_BUSY, .SQLITE_LOCKED: reason = "another program holds it locked"
            case .SQLITE_PERM, .SQLITE_AUTH: reason = "it may not be read (permission denied)"
            default: reason = "SQLite could not read it (\(error.message ?? "no detail"))"
            }
            return .failure(DatabaseHealthProblem(reason: reason))
        } catch {
            return .failure(DatabaseHealthProblem(reason: "it could not be read"))
        }
    }
}

/// Why the database could not be checked, in words.
public struct DatabaseHealthProblem: Error, Sendable, Equatable {
    public let reason: String
}
