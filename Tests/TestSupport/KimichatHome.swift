import Foundation

/// A private home for kimichat runs in a test: its data (the conversation database),
/// state (the log) and mock request log live in one temporary directory, so tests
/// never touch the developer's own conversations and can share one database on purpose.
/// The directory is removed when the last reference goes (a session launched from the
/// home keeps it).
public final class KimichatHome: Sendable {
    public let directory: URL

    public init() throws {
        directory = try Binaries.temporaryDirectory()
    }

    deinit {
        try? FileManager.default.removeItem(at: directory)
    }

    public var databasePath: String { directory.appendingPathComponent("kimichat/kimichat.sqlite").path }
    /// Where `--demo` keeps its own conversations, beside the real database.
    public var demoDatabasePath: String { directory.appendingPathComponent("kimichat/demo.sqlite").path }
    public var requestLogPath: String { directory.appendingPathComponent("requests.jsonl").path }

    /// The environment for a kimichat run, allow-listed: PATH, a UTF-8 locale, TERM, HOME
    /// and the XDG places under `directory`, the demo unpaced, and what the test sets.
    /// Nothing else of the developer's own (a key, KIMICHAT_LOG, EDITOR, a proxy, their
    /// locale) can change a result.
    public func environment(_ extra: [String: String] = [:]) -> [String: String] {
        var variables = TestEnvironment.base
        variables.merge(places) { $1 }
        variables["KIMICHAT_DEMO_PACE_MS"] = "0"
        // The demo's plain echo, which says what each request carried; the tour has tests of its own.
        variables["KIMICHAT_DEMO_REPLIES"] = "echo"
        variables.merge(extra) { $1 }
        return variables
    }

    /// HOME and the XDG places, all inside `directory`, and the mock's request log.
    private var places: [String: String] {
        ["HOME": directory.path, "XDG_STATE_HOME": directory.path, "XDG_DATA_HOME": directory.path,
         "XDG_CACHE_HOME": directory.appendingPathComponent("cache").path,
         "XDG_CONFIG_HOME": directory.appendingPathComponent("config").path, "KIMICHAT_MOCK_LOG": requestLogPath]
    }

    /// Runs `kimichat ARGS` to completion.
    public func run(_ arguments: [String], environment extra: [String: String] = [:], stdin: String? = nil)
        async throws -> ProcessResult {
        try await ProcessRunner.run(try Binaries.kimichat, arguments, environment: environment(extra), stdin: stdin)
    }

    /// Starts `kimichat ARGS` in tmux, with this home.
    public func launch(_ arguments: String, environment extra: [String: String] = [:], width: Int = 100,
                       height: Int = 30) throws -> TmuxSession {
        // The pane starts from tmux's allow-listed environment (`TestEnvironment`).
        let session = try TmuxSession(command: "\(try Binaries.kimichat) \(arguments)", width: width, height: height,
                                      environment: places.merging(["KIMICHAT_DEMO_REPLIES": "echo"]) { $1 }.merging(extra) { $1 })
        session.home = self
        return session
    }

    /// `kimichat list --json`, parsed: the demo's database with `demo`.
    public func conversations(demo: Bool = false) async throws -> [[String: Any]] {
        let result = try await run(["list", "--json"] + (demo ? ["--demo"] : []))
        guard result.status == 0 else { throw TestSupportError.timedOut("kimichat list failed: \(result.stderr)") }
        return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]] ?? []
    }

    /// `kimichat export ID --format json`, parsed: from the demo's database with `demo`.
    public func export(_ id: Int, demo: Bool = false) async throws -> [String: Any] {
        let result = try await run(["export", String(id), "--format", "json"] + (demo ? ["--demo"] : []))
        guard result.status == 0 else { throw TestSupportError.timedOut("kimichat export failed: \(result.stderr)") }
        return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] ?? [:]
    }
}
