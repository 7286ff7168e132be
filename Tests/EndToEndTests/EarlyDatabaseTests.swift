import ChatDomain
import Foundation
@testable import kimichat
import Persistence
import Testing
import TestSupport

/// The chat's database opens while the command line is parsed, as it is; the chat
/// adopts that opening only when what it parsed names the same file.
@Suite("Opening the database before parsing")
struct EarlyDatabaseTests {
    @Test("the chat's arguments are glanced at for --db and --demo; anything that may not be the chat is left alone",
          arguments: [
              ([], ChatArgumentsGuess.expected(database: nil)),
              (["--db", "/tmp/a.sqlite", "--model", "kimi-k2.6"], .expected(database: "/tmp/a.sqlite")),
              (["chat", "--db=/tmp/b.sqlite", "--new"], .expected(database: "/tmp/b.sqlite")),
              (["--demo", "--preset", "work"], .expected(database: nil, demo: true)),
              (["--system", "Be brief.", "--db", "x.sqlite"], .expected(database: "x.sqlite")),
              (["list"], nil),
              (["ask", "--db", "/tmp/a.sqlite", "hi"], nil),
              (["--help"], nil),
              (["--help-hidden"], nil),
              (["chat", "-h"], nil),
              (["--version"], nil),
              (["--generate-completion-script=zsh"], nil),
              (["--", "list"], nil),
              (["--db"], nil),
          ] as [([String], ChatArgumentsGuess?)])
    func guesses(arguments: [String], expected: ChatArgumentsGuess?) {
        #expect(ChatArgumentsGuess(arguments) == expected)
    }

    @Test("what began is adopted only for the same file, and forgotten either way")
    func adoption() async throws {
        let folder = try Binaries.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("chat.sqlite").path
        _ = try ConversationStore(path: path).createConversation(title: "kept", model: "kimi-k2.6")

        EarlyDatabase.begin(["--db", path])
        #expect(EarlyDatabase.take(path: path + "-other") == nil)
        #expect(EarlyDatabase.take(path: path) == nil, "a mismatch forgets what began")

        EarlyDatabase.begin(["--db", path])
        let opening = try #require(EarlyDatabase.take(path: path))
        let store = try await opening.value
        #expect(try store.latestConversation()?.title == "kept")

        EarlyDatabase.begin(["--db", folder.appendingPathComponent("missing.sqlite").path])
        #expect(EarlyDatabase.take(path: folder.appendingPathComponent("missing.sqlite").path) == nil,
                "a file that is not there is not opened early")
    }

    @Test("a wrong flag leaves no database behind: nothing is created before the command line is parsed")
    func wrongFlagCreatesNothing() async throws {
        let home = try KimichatHome()
        let path = home.directory.appendingPathComponent("never.sqlite").path
        let result = try await home.run(["--no-such-flag", "--db", path])
        #expect(result.status != 0)
        #expect(result.stderr.contains("--no-such-flag"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test("a file from an older kimichat is not migrated before the command line is parsed")
    func olderFileWaitsForTheChat() async throws {
        let home = try KimichatHome()
        let path = home.directory.appendingPathComponent("older.sqlite").path
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../PersistenceTests/Fixtures/schema-v6.sqlite").standardizedFileURL.path
        try FileManager.default.copyItem(atPath: fixture, toPath: path)
        #expect(throws: (any Error).self, "an early opening refuses a file to migrate") {
            try ConversationDatabase.openAsItIs(path: path)
        }
        let refused = try await home.run(["--no-such-flag", "--db", path])
        #expect(refused.status != 0)
        let health = try await home.run(["doctor", "--db", path])
        #expect(health.stdout.contains("schema 6 of 8"), "\(health.stdout)")
    }
}

extension ChatArgumentsGuess {
    static func expected(database: String?, demo: Bool = false) -> ChatArgumentsGuess {
        var guess = ChatArgumentsGuess([])!
        guess.database = database
        guess.demo = demo
        return guess
    }
}
