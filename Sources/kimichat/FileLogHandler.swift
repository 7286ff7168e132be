import Foundation
import Logging
import Persistence
import Synchronization

/// Writes log lines to kimichat's log file: never to stdout or stderr, which belong
/// to the terminal UI or to `ask`'s output.
struct FileLogHandler: LogHandler {
    final class Sink: Sendable {
        private let handle: Mutex<FileHandle>

        init?(path: String) {
            // Private like the database: the log names conversations and errors.
            guard (try? PrivateFiles.createFile(path)) != nil else { return nil }
            guard let file = FileHandle(forWritingAtPath: path) else { return nil }
            // The throwing forms: the old ones trap on Linux (a pipe cannot seek, a full disk).
            _ = try? file.seekToEnd()
            handle = Mutex(file)
        }

        func write(_ line: String) {
            handle.withLock { try? $0.write(contentsOf: Data(line.utf8)) }
        }
    }

    let label: String
    let sink: Sink
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        sink.write("\(Self.timestamp()) \(event.level) \(label): \(event.message)\n")
    }

    /// Now in UTC to the millisecond, ISO 8601 ("2026-11-27T10:39:19.832Z"), to see
    /// where start-up time goes. From the C library: Foundation's first formatting of a
    /// date cost a millisecond of every start.
    static func timestamp(_ now: timespec = { var now = timespec(); clock_gettime(CLOCK_REALTIME, &now); return now }())
        -> String {
        var seconds = now.tv_sec
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let milliseconds = Int(now.tv_nsec / 1_000_000)
        let fraction = milliseconds < 10 ? "00\(milliseconds)" : milliseconds < 100 ? "0\(milliseconds)" : "\(milliseconds)"
        return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T\(two(parts.tm_hour)):"
            + "\(two(parts.tm_min)):\(two(parts.tm_sec)).\(fraction)Z"
    }

    /// `$XDG_STATE_HOME/kimichat/kimichat.log`, by default under ~/.local/state.
    static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let override = environment["KIMICHAT_LOG"], !override.isEmpty { return override }
        return UserFolders(environment: environment).logPath
    }

    /// Points swift-log at the log file, once per process.
    static func bootstrap() -> Logger {
        let sink = Sink(path: defaultPath())
        let level = ProcessInfo.processInfo.environment["KIMICHAT_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
        LoggingSystem.bootstrap { label in
            guard let sink else { return SwiftLogNoOpLogHandler() }
            var handler = FileLogHandler(label: label, sink: sink)
            handler.logLevel = level
            return handler
        }
        return Logger(label: "kimichat")
    }
}
