import ChatDomain
import Foundation
@testable import kimichat
import Persistence
import Testing
import TestSupport

/// The chat's database opens while the command line is parsed; the chat adopts that
/// work only when what it parsed agrees.
@Suite("Opening the database before parsing")
struct EarlyDatabaseTests {
    @Test("the chat's arguments are glanced at for --db, --demo, --new and --preset; anything else is not the chat's",
          arguments: [
              ([], ChatArgumentsGuess.expected(database: nil)),
              (["--db", "/tmp/a.sqlite", "--model", "kimi-k2.6"], .expected(database: "/tmp/a.sqlite")),
              (["chat", "--db=/tmp/b.sqlite", "--new"], .expected(database: "/tmp/b.sqlite", startsNew: true)),
              (["--demo", "--preset", "work"], .expected(database: nil, demo: true, startsNew: true)),
              (["--preset=work"], .expected(database: nil, startsNew: true)),
              (["--system", "Be brief.", "--db", "x.sqlite"], .expected(database: "x.sqlite")),
              (["list"], nil),
              (["ask", "--db", "/tmp/a.sqlite", "hi"], nil),
              (["--help"], nil),
              (["chat", "-h"], nil),
              (["--version"], nil),
              (["--db"], nil),
          ] as [([String], ChatArgumentsGuess?)])
    func guesses(arguments: [String], expected: ChatArgumentsGuess?) {
        #expect(ChatArgumentsGuess(arguments) == expected)
    }

    @Test("what began is adopted only for the same file, and its reading only for the same choice of conversation")
    func adoption() async throws {
        let folder = try Binaries.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("chat.sqlite").path
        do {
            let store = try ConversationStore(path: path)
            let conversation = try store.createConversation(title: "kept", model: "kimi-k2.6")
            _ = try store.save(StoredMessage(role: .user, text: "an earlier question"), in: conversation.id)
        }
        EarlyDatabase.begin(["--db", path])
        #expect(EarlyDatabase.take(path: path + "-other", startsNew: false) == nil)
        #expect(EarlyDatabase.take(path: path, startsNew: false) == nil, "a mismatch forgets what began")

        EarlyDatabase.begin(["--db", path])
        let fresh = try #require(EarlyDatabase.take(path: path, startsNew: true))
        #expect(fresh.reading == nil, "--new was parsed where none was glanced at")
        #expect(try await fresh.opening.value.store.path == path)

        EarlyDatabase.begin(["--db", path])
        let reopening = try #require(EarlyDatabase.take(path: path, startsNew: false))
        let saved = try #require(try await reopening.reading?.value)
        #expect(saved.summary.title == "kept")
        #expect(saved.messages.map(\.text) == ["an earlier question"])
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
}

extension ChatArgumentsGuess {
    static func expected(database: String?, demo: Bool = false, startsNew: Bool = false) -> ChatArgumentsGuess {
        var guess = ChatArgumentsGuess([])!
        guess.database = database
        guess.demo = demo
        guess.startsNew = startsNew
        return guess
    }
}
