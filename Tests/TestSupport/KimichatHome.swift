import Foundation

/// A private home for kimichat runs in a test: its data (the conversation database),
/// state (the log) and mock request log live in one temporary directory, so tests
/// never touch the developer's own conversations and can share one database on purpose.
public struct KimichatHome: Sendable {
    public let directory: URL

    public init() throws {
        directory = try Binaries.temporaryDirectory()
    }

    public var databasePath: String { directory.appendingPathComponent("kimichat/kimichat.sqlite").path }
    /// Where `--demo` keeps its own conversations, beside the real database.
    public var demoDatabasePath: String { directory.appendingPathComponent("kimichat/demo.sqlite").path }
    public var requestLogPath: String { directory.appendingPathComponent("requests.jsonl").path }

    /// The environment for a kimichat run: no key or base URL from the developer's
    /// own environment, the demo unpaced, everything stored under `directory`.
    public func environment(_ extra: [String: String] = [:]) -> [String: String] {
        var variables = ProcessInfo.processInfo.environment
        variables["MOONSHOT_API_KEY"] = nil
        variables["MOONSHOT_BASE_URL"] = nil
        variables["XDG_STATE_HOME"] = directory.path
        variables["XDG_DATA_HOME"] = directory.path
        variables["XDG_CACHE_HOME"] = directory.appendingPathComponent("cache").path
        variables["XDG_CONFIG_HOME"] = directory.appendingPathComponent("config").path
        variables["KIMICHAT_DEMO_PACE_MS"] = "0"
        variables["KIMICHAT_MOCK_LOG"] = requestLogPath
        variables.merge(extra) { $1 }
        return variables
    }

    /// Runs `kimichat ARGS` to completion.
    public func run(_ arguments: [String], environment extra: [String: String] = [:], stdin: String? = nil)
        async throws -> ProcessResult {
        try await ProcessRunner.run(try Binaries.kimichat, arguments, environment: environment(extra), stdin: stdin)
    }

    /// Starts `kimichat ARGS` in tmux, with this home.
    public func launch(_ arguments: String, environment extra: [String: String] = [:], width: Int = 100,
                       height: Int = 30) throws -> TmuxSession {
        var variables = ["XDG_STATE_HOME": directory.path, "XDG_DATA_HOME": directory.path,
                         "XDG_CACHE_HOME": directory.appendingPathComponent("cache").path,
                         "XDG_CONFIG_HOME": directory.appendingPathComponent("config").path,
                         "KIMICHAT_MOCK_LOG": requestLogPath]
        variables.merge(extra) { $1 }
        // A key from the developer's own environment must not leak into the test.
        let unsetKey = extra["MOONSHOT_API_KEY"] == nil ? "env -u MOONSHOT_API_KEY -u MOONSHOT_BASE_URL " : ""
        return try TmuxSession(command: "\(unsetKey)\(try Binaries.kimichat) \(arguments)", width: width,
                               height: height, environment: variables)
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
