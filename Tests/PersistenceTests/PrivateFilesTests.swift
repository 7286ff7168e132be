import ChatDomain
import Foundation
import Testing
@testable import Persistence

/// Modes checked on real files in a temporary folder.
// Serialized: the umask is the process's, and one test sets it for a moment.
@Suite("Private files: 0600 in 0700 folders, the database and its -wal/-shm too", .serialized)
struct PrivateFilesTests {
    let root = TemporaryDatabase()

    private func mode(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions]) as? Int ?? -1) & 0o777
    }

    @Test("a file is created 0600; folders kimichat makes are 0700, an existing one is left as it was")
    func fileAndFolders() throws {
        chmod(root.directory, 0o755)
        let path = root.directory + "/a/b/file.txt"
        #expect(try PrivateFiles.createFile(path))
        #expect(mode(path) == 0o600)
        #expect(mode(root.directory + "/a") == 0o700)
        #expect(mode(root.directory + "/a/b") == 0o700)
        #expect(mode(root.directory) == 0o755, "an existing folder is not changed")
        #expect(try PrivateFiles.createFile(path) == false, "an existing file is left alone")
    }

    @Test("the umask cannot widen a file, and replacing keeps it private")
    func replaceKeepsPrivate() throws {
        let old = umask(0)
        defer { umask(old) }
        let path = root.directory + "/cache/models.json"
        try PrivateFiles.makeFolder(root.directory + "/cache")
        try PrivateFiles.replace(path, with: Data("one".utf8))
        try PrivateFiles.replace(path, with: Data("two".utf8))
        #expect(mode(path) == 0o600)
        #expect(mode(root.directory + "/cache") == 0o700)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "two")
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.directory + "/cache") == ["models.json"])
    }

    @Test("a new database, its -wal and its -shm are 0600, its folder 0700", .timeLimit(.minutes(1)))
    func databaseModes() throws {
        let old = umask(0o022)
        defer { umask(old) }
        let path = root.directory + "/data/kimichat/kimichat.sqlite"
        let store = try ConversationStore(path: path)
        _ = try store.createConversation(title: "private", model: "m")
        // While the store is open SQLite keeps both beside the database.
        for file in [path, path + "-wal", path + "-shm"] {
            #expect(FileManager.default.fileExists(atPath: file), "\(file)")
            #expect(mode(file) == 0o600, "\(file) is \(String(mode(file), radix: 8))")
        }
        #expect(mode(root.directory + "/data/kimichat") == 0o700)
        #expect(ConversationStore.exposureWarning(path) == nil)
    }

    @Test("a database others can read gets a one-line warning naming the path and the chmod fix")
    func exposedDatabase() throws {
        let path = root.directory + "/kimichat.sqlite"
        _ = try ConversationStore(path: path)
        chmod(path, 0o644)
        let warning = try #require(ConversationStore.exposureWarning(path))
        #expect(warning.contains(path))
        #expect(warning.contains("chmod 600 \(path)"))
        #expect(!warning.contains("\n"))
    }

    @Test("problems are words: the path and “permission denied”, never a number")
    func problemWords() {
        let problem = FileProblem(path: "/x/y", action: "create", code: EACCES)
        #expect(problem.description == "cannot create /x/y: permission denied")
        #expect(FileProblem(path: "/x", action: "write", code: 9999).description == "cannot write /x: the system refused")
        #expect(StorageError.permissionDenied(path: "/x/db", action: "write").userMessage
                == "cannot write /x/db: permission denied")
    }
}

@Suite("Read-only opening creates nothing and writes nothing")
struct ReadOnlyStoreTests {
    let root = TemporaryDatabase()

    @Test("read-only or existing-only on a missing file: “no database at PATH”, and no file or folder made")
    func missingFile() throws {
        let path = root.directory + "/typo/kimichat.sqlite"
        for access in [ConversationStore.Access.readOnly, .existing] {
            #expect(throws: StorageError.noDatabase(path: path)) { try ConversationStore(path: path, access: access) }
        }
        #expect(StorageError.noDatabase(path: path).userMessage == "no database at \(path)")
        #expect(!FileManager.default.fileExists(atPath: root.directory + "/typo"))
    }

    @Test("a read-only store reads what was saved and refuses writes with a permission error")
    func readsButRefusesWrites() throws {
        let writer = try root.open()
        let conversation = try writer.createConversation(title: "kept", model: "m")
        try writer.save(StoredMessage(role: .user, text: "hello"), in: conversation.id)
        let reader = try ConversationStore(path: root.path, access: .readOnly)
        #expect(reader.isReadOnly)
        #expect(try reader.load(conversation.id)?.messages.map(\.text) == ["hello"])
        #expect(try reader.conversations(matching: "hello", limit: 10).count == 1)
        try reader.markOpened(conversation.id)
        #expect(try reader.markAbandonedRepliesInterrupted() == 0)
        #expect(throws: StorageError.permissionDenied(path: root.path, action: "write")) {
            try reader.rename(conversation.id, to: "changed")
        }
        #expect(try writer.summary(of: conversation.id)?.title == "kept")
    }
}
