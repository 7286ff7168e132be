import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs a short command with posix_spawn and waitpid. Foundation's `Process` does not
/// reap tmux's client when that client leaves a server daemon behind (it stays a
/// zombie and `isRunning` never turns false), so tmux is driven through this.
enum Spawn {
    static func run(_ arguments: [String], captureOutput: Bool) throws -> ProcessResult {
        var fileActions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&fileActions)
        defer { posix_spawn_file_actions_destroy(&fileActions) }
        var pipeDescriptors: [Int32] = [-1, -1]
        posix_spawn_file_actions_addopen(&fileActions, 0, "/dev/null", O_RDONLY, 0)
        if captureOutput {
            guard pipe(&pipeDescriptors) == 0 else { throw TestSupportError.timedOut("pipe failed") }
            posix_spawn_file_actions_adddup2(&fileActions, pipeDescriptors[1], 1)
            posix_spawn_file_actions_addclose(&fileActions, pipeDescriptors[0])
            posix_spawn_file_actions_addclose(&fileActions, pipeDescriptors[1])
        } else {
            posix_spawn_file_actions_addopen(&fileActions, 1, "/dev/null", O_WRONLY, 0)
        }
        posix_spawn_file_actions_addopen(&fileActions, 2, "/dev/null", O_WRONLY, 0)

        let cArguments = arguments.map { strdup($0) } + [nil]
        defer { cArguments.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawnp(&pid, arguments[0], &fileActions, nil, cArguments, environ)
        guard spawned == 0 else {
            throw TestSupportError.missingBinary("could not start \(arguments[0]) (error \(spawned)); is it installed?")
        }
        var output = Data()
        if captureOutput {
            close(pipeDescriptors[1])
            var buffer = [UInt8](repeating: 0, count: 65536)
            while true {
                let count = read(pipeDescriptors[0], &buffer, buffer.count)
                if count <= 0 { break }
                output.append(buffer, count: count)
            }
            close(pipeDescriptors[0])
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let exitCode = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        return ProcessResult(status: exitCode, stdout: String(decoding: output, as: UTF8.self), stderr: "")
    }
}
