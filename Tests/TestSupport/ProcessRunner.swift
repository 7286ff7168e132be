import Foundation

/// The outcome of running a program to completion.
public struct ProcessResult: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String
}

public enum TestSupportError: Error, CustomStringConvertible {
    case missingBinary(String)
    case timedOut(String)

    public var description: String {
        switch self {
        case let .missingBinary(message), let .timedOut(message): return message
        }
    }
}

/// Runs programs for tests, with a time limit so a hang fails instead of stalling CI.
public enum ProcessRunner {
    /// Runs `executable` to completion on a thread of its own, so that waiting for the
    /// child never blocks a thread of Swift's small cooperative pool, which the other
    /// tests running in parallel need.
    public static func run(_ executable: String, _ arguments: [String], environment: [String: String]? = nil,
                           stdin: String? = nil, timeout: Duration = .seconds(30)) async throws -> ProcessResult {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                do {
                    continuation.resume(returning: try Spawn.run([executable] + arguments, environment: environment,
                                                                 stdin: stdin, timeout: timeout))
                } catch {
                    continuation.resume(throwing: error)
                }
            }
            thread.start()
        }
    }

    /// Runs a command through tmux's own CLI and returns its stdout. These are short
    /// and run inline; `new-session` output goes nowhere (its server lives on).
    @discardableResult
    static func tmux(_ socket: String, _ arguments: [String], captureOutput: Bool = true) throws -> String {
        // A new tmux server hands its environment to every pane, so it gets the allow-list
        // only: SwiftPM's NO_COLOR=1 would make kimichat colourless in every test, and a
        // developer's own variables must not reach the program under test either.
        let result = try Spawn.run(["tmux", "-L", socket] + arguments, environment: TestEnvironment.base,
                                   captureOutput: captureOutput, timeout: .seconds(10))
        guard result.status == 0 else {
            throw TestSupportError.timedOut("tmux \(arguments.first ?? "") failed with status \(result.status): \(result.stderr)")
        }
        return result.stdout
    }
}
