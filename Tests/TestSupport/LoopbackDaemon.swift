import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A real server from the system (nginx, tinyproxy) that a test starts on a loopback
/// port and stops when done. Its files live in a temporary folder of its own.
public final class LoopbackDaemon: Sendable {
    public let port: Int
    public let folder: URL
    private let pid: pid_t

    init(port: Int, folder: URL, pid: pid_t) {
        self.port = port
        self.folder = folder
        self.pid = pid
    }

    /// Starts `arguments` and waits until `port` accepts connections (or fails with the
    /// program's own output, which usually says why).
    static func start(_ arguments: [String], port: Int, folder: URL, name: String) async throws -> LoopbackDaemon {
        let output = folder.appendingPathComponent("\(name).out").path
        let pid = try Spawn.startDaemon(arguments, outputPath: output)
        let daemon = LoopbackDaemon(port: port, folder: folder, pid: pid)
        let deadline = ContinuousClock.now + .seconds(15)
        while ContinuousClock.now < deadline {
            if Loopback.accepts(port) { return daemon }
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == pid {
                let text = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
                throw TestSupportError.timedOut("\(name) exited at start: \(text)")
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        // Once more after the deadline: a test pool starved by other tests may wake this
        // task only after it (seen in CI: nginx "did not listen" while it did).
        if Loopback.accepts(port) { return daemon }
        let said = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
        daemon.stop()
        throw TestSupportError.timedOut("\(name) did not listen on 127.0.0.1:\(port) within 15 s\(said.isEmpty ? "" : ": " + said)")
    }

    /// Stops the program, reaps it and removes its folder. SIGKILL, not SIGTERM: it dies
    /// at once, so reaping it never holds up a thread of the test pool, and a test's
    /// server keeps nothing worth a clean shutdown.
    public func stop() {
        kill(pid, SIGKILL)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        try? FileManager.default.removeItem(at: folder)
    }

    /// A file the program wrote (its log), read now.
    public func read(_ file: String) -> String {
        (try? String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)) ?? ""
    }

    /// A program from the system: on PATH, or in the sbin folders where Debian puts
    /// servers (not on a normal user's PATH).
    static func systemProgram(_ name: String) throws -> String {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let folders = path.split(separator: ":").map(String.init) + ["/usr/sbin", "/sbin", "/usr/bin"]
        if let found = folders.map({ $0 + "/" + name }).first(where: { FileManager.default.isExecutableFile(atPath: $0) }) {
            return found
        }
        throw TestSupportError.missingBinary("\(name) is not installed: run scripts/setup (it installs nginx and tinyproxy)")
    }
}
