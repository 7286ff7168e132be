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
    /// With `captureOutput` false, output goes nowhere: needed for programs that leave a
    /// daemon behind (tmux's server), which would hold a pipe open forever.
    public static func run(_ executable: String, _ arguments: [String], environment: [String: String]? = nil,
                           stdin: String? = nil, timeout: Duration = .seconds(30),
                           captureOutput: Bool = true) throws -> ProcessResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment { process.environment = environment }
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = captureOutput ? output : FileHandle.nullDevice
        process.standardError = captureOutput ? errors : FileHandle.nullDevice
        let input = Pipe()
        process.standardInput = stdin == nil ? FileHandle.nullDevice : input
        try process.run()
        if let stdin {
            input.fileHandleForWriting.write(Data(stdin.utf8))
            try? input.fileHandleForWriting.close()
        }
        // Read both pipes while the process runs, so a chatty child never blocks on a full pipe.
        let collected = captureOutput
            ? OutputCollector(output: output.fileHandleForReading, errors: errors.fileHandleForReading) : nil
        let deadline = ContinuousClock.now + timeout
        while process.isRunning {
            if ContinuousClock.now > deadline {
                process.terminate()
                throw TestSupportError.timedOut("\(executable) \(arguments) did not finish within \(timeout)")
            }
            Thread.sleep(forTimeInterval: 0.01)
        }
        let (stdout, stderr) = collected?.finish() ?? ("", "")
        return ProcessResult(status: process.terminationStatus, stdout: stdout, stderr: stderr)
    }

    /// Runs a command through tmux's own CLI and returns its stdout.
    @discardableResult
    static func tmux(_ socket: String, _ arguments: [String], captureOutput: Bool = true) throws -> String {
        let result = try Spawn.run(["tmux", "-L", socket] + arguments, captureOutput: captureOutput)
        guard result.status == 0 else {
            throw TestSupportError.timedOut("tmux \(arguments.first ?? "") failed with status \(result.status)")
        }
        return result.stdout
    }
}

private final class OutputCollector: @unchecked Sendable {
    private let group = DispatchGroup()
    private var out = Data()
    private var err = Data()

    init(output: FileHandle, errors: FileHandle) {
        group.enter()
        DispatchQueue.global().async { self.out = output.readDataToEndOfFile(); self.group.leave() }
        group.enter()
        DispatchQueue.global().async { self.err = errors.readDataToEndOfFile(); self.group.leave() }
    }

    func finish() -> (String, String) {
        group.wait()
        return (String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
    }
}
