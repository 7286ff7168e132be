import Foundation
import Testing
import TestSupport

/// What the tests start must be stoppable: a child inherits its spawning thread's
/// blocked signals, and the test threads block nearly all of them. Before the spawn
/// reset them, every tmux server a test started outlived `kill-server`, with the
/// kimichat or mock inside it still running hours later.
@Suite("Children of the tests")
struct ChildSignalTests {
    @Test("a program in a test's tmux starts with no signal blocked, and SIGPIPE and SIGINT not ignored")
    func nothingBlocked() async throws {
        let session = try TmuxSession(command: "grep -E '^Sig(Blk|Ign):' /proc/self/status")
        defer { session.kill() }
        let screen = try await session.waitFor("[exited 0]")
        let fields = Dictionary(screen.split(separator: "\n").compactMap { line -> (String, String)? in
            let parts = line.split(separator: ":").map { $0.trimmingCharacters(in: .whitespaces) }
            return parts.count == 2 ? (parts[0], parts[1]) : nil
        }) { first, _ in first }
        #expect(fields["SigBlk"] == "0000000000000000", "\(screen)")
        let ignored = UInt64(fields["SigIgn"] ?? "", radix: 16) ?? .max
        for signal in [SIGPIPE, SIGINT, SIGTERM, SIGHUP] {
            #expect(ignored & (1 << UInt64(signal - 1)) == 0, "signal \(signal) is ignored in the child")
        }
    }

    @Test("a tmux session's program ends when the session is killed", .timeLimit(.minutes(1)))
    func killedSessionsEnd() async throws {
        let session = try TmuxSession(command: "sleep 300")
        let socket = session.socket
        session.kill()
        try await Polling.until("the tmux server and its sleep to end") {
            let result = try await ProcessRunner.run("/bin/sh", ["-c", "ps -eo args | grep -c '[t]mux -L \(socket)'"])
            return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "0"
        }
    }
}
