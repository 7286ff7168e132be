import ChatDomain
import Foundation
import GRDB

/// The database as a file: where it lives, whether this process may write it, how to
/// open it read-only, and whether a file found there is kimichat's.
extension ConversationStore {
    /// Whether this process can write the database at `path`: the file, and the folder
    /// (SQLite makes the -wal and -shm there) unless both already exist writable.
    public static func isWritable(at path: String) -> Bool {
        guard PrivateFiles.isWritable(path) else { return false }
        let folder = (path as NSString).deletingLastPathComponent
        if PrivateFiles.isWritable(folder.isEmpty ? "." : folder) { return true }
        return PrivateFiles.isWritable(path + "-wal") && PrivateFiles.isWritable(path + "-shm")
    }

    /// What SQLite opens to read `path` without writing. A WAL reader needs the -shm
    /// file; where it cannot be made (a folder we cannot write) and is not there, the
    /// file is opened as immutable: then nobody can be writing it through WAL either.
    static func readOnlyLocation(_ path: String) -> String {
        let folder = (path as NSString).deletingLastPathComponent
        guard !PrivateFiles.isWritable(folder.isEmpty ? "." : folder),
              !FileManager.default.fileExists(atPath: path + "-shm") else { return path }
        var escaped = ""
        for character in path {
            switch character {
            case "%": escaped += "%25"
            case "?": escaped += "%3f"
            case "#": escaped += "%23"
            default: escaped.append(character)
            }
        }
        return "file:" + escaped + "?immutable=1"
    }

    static func checkExistingFile(at location: String, path: String) throws {
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        guard size > 0 else { return }
        var configuration = Configuration()
        configuration.readonly = true
        // Another kimichat may be creating this very file (WAL set-up, the first
        // migration): wait for it as every other connection does, instead of failing.
        configuration.busyMode = .timeout(Self.busyTimeout)
        let queue = try DatabaseQueue(path: location, configuration: configuration)
        let (tables, isOurs, superseded) = try queue.read { db in
            let tables = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'") ?? 0
            let isOurs = try db.tableExists("grdb_migrations")
            return (tables, isOurs, isOurs ? try StorageSchema.migrator.hasBeenSuperseded(db) : false)
        }
        try queue.close()
        if tables > 0, !isOurs {
            throw StorageError.damaged(path: path, reason: "it holds another program's tables")
        }
        if superseded { throw StorageError.newerSchema(path: path) }
    }

    /// The default location: `$XDG_DATA_HOME/kimichat/kimichat.sqlite` (`UserFolders`).
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        UserFolders(environment: environment).databasePath
    }

    /// The demo's own database, beside the one `path` names: offline demo replies
    /// never mix into real history.
    public static func demoPath(beside path: String) -> String {
        ((path as NSString).deletingLastPathComponent as NSString).appendingPathComponent("demo.sqlite")
    }

    /// A one-line warning when group or others can read the database at `path`.
    public static func exposureWarning(_ path: String) -> String? {
        guard let mode = PrivateFiles.readableByOthers(path) else { return nil }
        return "The conversation database \(path) can be read by other users (mode \(String(mode, radix: 8))). "
            + "Run: chmod 600 \(path)"
    }
}
