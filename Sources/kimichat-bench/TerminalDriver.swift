import Foundation
import MockMoonshot

/// Runs the real kimichat binary on a pseudo-terminal against the in-process mock
/// server, each run in a home directory of its own (config, log, cache, database).
struct TerminalDriver {
    static let columns = 120
    static let rows = 40
    static let model = "moonshot-v1-128k"

    let kimichat: String
    let server: MockMoonshotServer
    let root: URL

    /// One reply streamed into the TUI: the CPU the whole process used (start to quit),
    /// the bytes it wrote while the reply streamed, and its frame statistics line.
    struct StreamRun {
        var cpu: Duration
        var bytes: Int
        var frames: FrameLine
    }

    func home(_ name: String) throws -> URL {
        let home = root.appendingPathComponent(name + "-" + UUID().uuidString.prefix(6))
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        return home
    }

    func environment(_ home: URL) -> [String: String] {
        ["XDG_STATE_HOME": home.path, "XDG_DATA_HOME": home.path, "XDG_CONFIG_HOME": home.appendingPathComponent("config").path,
         "XDG_CACHE_HOME": home.appendingPathComponent("cache").path, "MOONSHOT_API_KEY": "sk-bench",
         "TERM": "xterm-256color", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "PATH": "/usr/bin:/bin"]
    }

    /// Starts the TUI and waits for its first complete frame (the status bar's last words).
    func launch(home: URL, database: String? = nil) throws -> (terminal: PseudoTerminal, firstFrame: Duration) {
        var arguments = ["--base-url", server.baseURL, "--model", Self.model]
        if let database { arguments += ["--db", database] }
        let started = ContinuousClock.now
        let terminal = try PseudoTerminal(kimichat, arguments, environment: environment(home),
                                          columns: Self.columns, rows: Self.rows)
        let (_, at) = try terminal.waitFor("F1 help")
        return (terminal, at - started)
    }

    /// Starts the TUI, sends one message, lets `scenario` stream in, and quits.
    func streamRun(_ scenario: MockScenario, database: String? = nil, whileStreaming: (PseudoTerminal) throws -> Void = { _ in })
        throws -> StreamRun {
        let home = try home("tui")
        let (terminal, _) = try launch(home: home, database: database)
        try terminal.waitForQuiet(.milliseconds(200))
        server.enqueue(scenario)
        let before = terminal.byteCount
        terminal.type("go\r")
        try whileStreaming(terminal)
        let frames = try FrameLine.wait(in: home.appendingPathComponent("kimichat/kimichat.log"))
        try terminal.waitForQuiet(.milliseconds(150))
        let bytes = terminal.byteCount - before
        terminal.type("\u{11}")
        let (status, cpu) = terminal.waitForExit()
        guard status == 0 else { throw BenchError.failed("kimichat exited with status \(status)") }
        return StreamRun(cpu: cpu, bytes: bytes, frames: frames)
    }

    /// `kimichat ask` printing `scenario` to the same kind of terminal: the floor.
    func askRun(_ scenario: MockScenario) throws -> AskRun {
        let home = try home("ask")
        server.enqueue(scenario)
        let terminal = try PseudoTerminal(kimichat, ["ask", "--no-save", "--base-url", server.baseURL, "--model", Self.model, "go"],
                                          environment: environment(home), columns: Self.columns, rows: Self.rows)
        try terminal.waitForClose()
        let (status, cpu) = terminal.waitForExit()
        guard status == 0 else { throw BenchError.failed("kimichat ask exited with status \(status)") }
        return AskRun(cpu: cpu, bytes: terminal.byteCount)
    }

    struct AskRun {
        var cpu: Duration
        var bytes: Int
    }
}

/// The line kimichat logs when a streamed reply has been drawn to its end.
struct FrameLine {
    var deltas = 0
    var frames = 0
    var seconds = 0.0
    var longestWaitMilliseconds = 0.0
    var lastWaitMilliseconds = 0.0

    static func wait(in log: URL, timeout: Duration = .seconds(120)) throws -> FrameLine {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let text = try? String(contentsOf: log, encoding: .utf8),
               let line = text.split(separator: "\n").last(where: { $0.contains("stream frames:") }) {
                return FrameLine(String(line))
            }
            Thread.sleep(forTimeInterval: 0.02)
        }
        throw BenchError.failed("no \"stream frames\" line in \(log.path)")
    }

    init(_ line: String) {
        for field in line.split(separator: " ") {
            let parts = field.split(separator: "=")
            guard parts.count == 2, let value = Double(parts[1]) else { continue }
            switch parts[0] {
            case "deltas": deltas = Int(value)
            case "frames": frames = Int(value)
            case "seconds": seconds = value
            case "longest_wait_ms": longestWaitMilliseconds = value
            case "last_wait_ms": lastWaitMilliseconds = value
            default: break
            }
        }
    }

    init() {}
}
