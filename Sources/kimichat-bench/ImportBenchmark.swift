import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Issue 15: `kimichat import` of a generated ChatGPT export (`ChatGPTExportWriter`),
/// run as the user runs it — the real binary, a child process with a fresh database —
/// timed from start to exit, with its peak memory (the kernel's high-water mark of its
/// resident set, from `wait4`). Then the same file again, which must add nothing.
struct ImportBenchmark {
    let kimichat: String
    let conversations: Int
    let messages: Int

    func run() throws {
        let folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("kimichat-import-bench-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let export = folder.appendingPathComponent("conversations.json").path
        let database = folder.appendingPathComponent("kimichat.sqlite").path

        let writing = ContinuousClock.now
        let shape = try ChatGPTExportWriter.write(to: export, conversations: conversations, messages: messages, seed: 15)
        print(String(format: "generated %d conversations, %d message nodes (%d to keep), %.0f MB in %@",
                     shape.conversations, shape.messages, shape.visible, Double(shape.bytes) / 1e6,
                     "\(ContinuousClock.now - writing)"))

        for pass in ["first import", "same file again"] {
            let run = try Self.spawn(kimichat, ["import", export, "--db", database], in: folder)
            guard run.status == 0 else {
                throw BenchError.failed("kimichat import exited with status \(run.status): \(run.output)")
            }
            let databaseBytes = (try? FileManager.default.attributesOfItem(atPath: database)[.size] as? Int) ?? 0
            print(String(format: "%@: %.2f s wall, %.2f s CPU, peak RSS %.0f MB (%.1f%% of the file); database %.0f MB",
                         pass, run.wall, run.cpu, Double(run.peakBytes) / 1e6,
                         100 * Double(run.peakBytes) / Double(max(1, shape.bytes)), Double(databaseBytes) / 1e6))
            print("  " + run.output.split(separator: "\n").joined(separator: "\n  "))
        }
    }

    struct Run {
        var status: Int32
        var wall: Double
        var cpu: Double
        var peakBytes: Int
        var output: String
    }

    /// Runs the program to its end, its stdout and stderr into a file; the exit status,
    /// times, and the peak resident set the kernel reports for it.
    static func spawn(_ executable: String, _ arguments: [String], in folder: URL) throws -> Run {
        let outputPath = folder.appendingPathComponent("output-\(UUID().uuidString.prefix(6)).txt").path
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let environment = ["PATH=/usr/bin:/bin", "LANG=C.UTF-8", "HOME=\(folder.path)", "XDG_DATA_HOME=\(folder.path)",
                           "XDG_STATE_HOME=\(folder.path)", "XDG_CONFIG_HOME=\(folder.path)/config"]
        let envp = environment.map { strdup($0) } + [nil]
        defer { for pointer in argv + envp { free(pointer) } }
        let started = ContinuousClock.now
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        SpawnSignals.reset(&attributes)
        var child: pid_t = 0
        let status = posix_spawn(&child, executable, &actions, &attributes, argv, envp)
        guard status == 0 else { throw BenchError.failed("cannot start \(executable): \(String(cString: strerror(status)))") }
        var exit: Int32 = 0
        var usage = rusage()
        while wait4(child, &exit, 0, &usage) < 0 && errno == EINTR {}
        let wall = ContinuousClock.now - started
        let cpu = Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
            + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
        let output = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        return Run(status: (exit >> 8) & 0xFF, wall: PseudoTerminal.seconds(wall), cpu: cpu,
                   peakBytes: usage.ru_maxrss * 1024, output: output.trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
