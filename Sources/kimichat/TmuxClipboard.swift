import Foundation

/// Whether a copy (OSC 52) can reach the clipboard through tmux. tmux passes a
/// program's copy on only with `set-clipboard on`; its default, `external`, and `off`
/// drop it without a word, so kimichat asks tmux rather than claim a copy it lost.
enum TmuxClipboard {
    enum Reach: Equatable {
        case notInTmux
        case on
        /// The option's value when it is not `on`.
        case blocked(String)
        /// tmux did not answer.
        case unknown
    }

    static let fix = "tmux set -g set-clipboard on"

    static func reach(environment: [String: String] = ProcessInfo.processInfo.environment) -> Reach {
        guard let socket = environment["TMUX"], !socket.isEmpty else { return .notInTmux }
        guard let value = ask(["show-options", "-gv", "set-clipboard"], environment: environment) else { return .unknown }
        return value == "on" ? .on : .blocked(value)
    }

    /// What to tell the user after a copy that tmux will drop; nil when it goes through.
    static func problem(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        guard case let .blocked(value) = reach(environment: environment) else { return nil }
        return "Not copied: tmux drops copies from programs while its set-clipboard is \(value). "
            + "Run `\(fix)` (and add it to ~/.tmux.conf)."
    }

    /// tmux's answer, trimmed; nil when it cannot be run or takes more than a second.
    private static func ask(_ arguments: [String], environment: [String: String]) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["tmux"] + arguments
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        do { try process.run() } catch { return nil }
        guard finished.wait(timeout: .now() + 1) == .success else {
            process.terminate()
            return nil
        }
        guard process.terminationStatus == 0 else { return nil }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
