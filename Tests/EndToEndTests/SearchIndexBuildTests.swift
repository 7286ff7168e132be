import ChatDomain
import Foundation
import GRDB
@testable import Persistence
import Testing
import TestSupport

/// The search index a schema change asks for is built once, before a command goes on:
/// progress on the terminal after a second, Ctrl-C (SIGINT) stopping it between two
/// batches with what was done kept, and the next start going on to the end.
@Suite("building the search index: progress, Ctrl-C, and going on")
struct SearchIndexBuildTests {
    /// A conversation of `count` messages added beside the demo's, and the index put
    /// back to how the v7 migration leaves an old file: empty, every message pending.
    private func pendingDatabase(_ path: String, messages count: Int) throws {
        let store = try ConversationStore(path: path)
        let big = try store.createConversation(title: "a long one", model: "kimi-k2.6")
        try store.pool.write { db in
            try db.execute(sql: """
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
                INSERT INTO message (conversation_id, role, text, status, created_at, updated_at)
                SELECT ?, CASE i % 2 WHEN 0 THEN 'user' ELSE 'assistant' END,
                       'message ' || i || ' weighs the pomegranate against 石榴 and the window against the '
                       || 'context, thinking about which result the server should stream back to the terminal', 'complete', 0, 0
                FROM n
                """, arguments: [count, big.id])
            try db.execute(sql: """
                UPDATE conversation SET updated_at = 0 WHERE id = \(big.id);
                INSERT INTO message_search(message_search) VALUES ('delete-all');
                DELETE FROM search_word;
                INSERT INTO search_backfill SELECT MAX(id), MAX(id) FROM message;
                """)
        }
    }

    @Test("progress shows, SIGINT stops with the work kept (exit 130), the next start finishes it")
    func progressStopAndGoOn() async throws {
        let home = try KimichatHome()
        let first = try await home.run(["ask", "--demo", "hello"], environment: ["KIMICHAT_DEMO_REPLIES": "echo"])
        #expect(first.status == 0, "\(first.stderr)")
        try pendingDatabase(home.demoDatabasePath, messages: 200_000)

        let session = try home.launch("ask --demo --continue 'one more'")
        defer { session.kill() }
        _ = try await session.waitFor("Building the search index:", timeout: .seconds(60))
        kill(try await session.programPID(), SIGINT)
        let screen = try await session.waitFor("[exited 130]", timeout: .seconds(30))
        #expect(screen.contains("Stopped building the search index at"), "\(screen)")
        #expect(!screen.contains("You said"), "the question was not asked")

        let kept = try #require(try ConversationStore(path: home.demoDatabasePath, access: .readOnly).searchIndexProgress())
        #expect(kept.done > 0 && kept.done < kept.total, "\(kept)")
        let partial = try await home.run(["list", "--demo", "--search", "pomegranate"])
        #expect(partial.stderr.contains("the search index is \(Int(kept.fraction * 100))% built"), "\(partial.stderr)")

        let second = try await home.run(["ask", "--demo", "--continue", "and now?"], environment: ["KIMICHAT_DEMO_REPLIES": "echo"])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout.contains("You said “and now?”"))
        #expect(try ConversationStore(path: home.demoDatabasePath, access: .readOnly).searchIndexProgress() == nil)
        let found = try await home.run(["list", "--demo", "--json", "--search", "pomegranate 石"])
        #expect(found.stdout.contains("a long one"), "the oldest messages were indexed too: \(found.stdout)")
    }
}
