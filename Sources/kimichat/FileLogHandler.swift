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

    /// Milliseconds, to see where start-up time goes; a style is a value, made once.
    private static let timestampStyle = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    func log(event: LogEvent) {
        let timestamp = Self.timestampStyle.format(Date())
        sink.write("\(timestamp) \(event.level) \(label): \(event.message)\n")
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
