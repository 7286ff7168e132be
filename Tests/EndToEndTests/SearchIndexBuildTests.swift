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
                       'message ' || i || ' weighs the pomegranate against 石榴 and the window against the context',
                       'complete', 0, 0
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

    @Test("progress shows, SIGINT stops with the work kept (exit 130), the next start finishes it",
          .timeLimit(.minutes(3)))
    func progressStopAndGoOn() async throws {
        let home = try KimichatHome()
        let first = try await home.run(["ask", "--demo", "hello"], environment: ["KIMICHAT_DEMO_REPLIES": "echo"])
        #expect(first.status == 0, "\(first.stderr)")
        try pendingDatabase(home.demoDatabasePath, messages: 30_000)

        // Everything the terminal is sent, in order (the progress line is rewritten in
        // place). The program starts stopped (its shell stops itself, then execs it) and is
        // let run a few milliseconds at a time until its first batch is in: it is then
        // stopped mid-build whatever the machine's load, and SIGINT, sent while it is
        // stopped (past the second after which progress shows), comes as the build goes on.
        let log = home.directory.appendingPathComponent("pane.log").path
        let session = try TmuxSession(
            command: "sh -c 'kill -STOP $$; exec \(try Binaries.kimichat) ask --demo --continue \"one more\"'",
            environment: home.environment(["KIMICHAT_DEMO_REPLIES": "echo", "KIMICHAT_SEARCH_INDEX_BATCH": "20"]))
        defer { session.kill() }
        try session.recordOutput(to: log)
        var program: Int32 = 0
        try await Polling.until("the program started, stopped", timeout: .seconds(30)) {
            program = (try? await session.programPID()) ?? 0
            return program > 0 && Self.isStopped(program)
        }
        let database = try DatabaseQueue(path: home.demoDatabasePath)
        var progress = (done: 0, pending: 1)
        try await Polling.until("the build's first batch", timeout: .seconds(120)) {
            kill(program, SIGCONT)
            try await Task.sleep(for: .milliseconds(5))
            kill(program, SIGSTOP)
            try await Polling.until("the program stopped") { Self.isStopped(program) }
            let row = try database.read { db in
                try Row.fetchOne(db, sql: "SELECT started_through - pending_through, COUNT(*) FROM search_backfill")
            }
            progress = (row?[0] ?? 0, row?[1] ?? 0)
            return progress.done > 0 || progress.pending == 0
        }
        try #require(progress.pending > 0, "the build ended within one slice")
        try await Task.sleep(for: .milliseconds(1_200))
        kill(program, SIGINT)
        kill(program, SIGCONT)
        let screen = try await session.waitFor("[exited 130]", timeout: .seconds(60))
        #expect(screen.contains("Stopped building the search index at"), "\(screen)")
        #expect(!screen.contains("You said"), "the question was not asked")
        var sent = ""
        try await Polling.until("the pane's output recorded") {
            sent = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            return sent.contains("[exited 130]")
        }
        #expect(sent.contains("Building the search index: "), "progress after a second: \(sent.debugDescription)")

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

    /// Whether the process is stopped (state T in /proc).
    private static func isStopped(_ pid: Int32) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return false }
        return stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces).hasPrefix("T")
    }
}
