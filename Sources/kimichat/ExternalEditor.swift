import AppRuntime
import ChatCore
import Foundation
import Persistence

/// Ctrl-X Ctrl-E: `$VISUAL`, else `$EDITOR`, else vi, on a temporary file holding the
/// input. The command goes through `sh -c` so that "code --wait" or "emacs -nw" work.
/// While it runs, kimichat ignores Ctrl-C and Ctrl-\ (they are the editor's); the
/// editor gets them back at their defaults.
struct ExternalEditor: ExternalEditing {
    var environment: [String: String] = ProcessInfo.processInfo.environment

    var command: String {
        for name in ["VISUAL", "EDITOR"] {
            if let value = environment[name]?.trimmingCharacters(in: .whitespaces), !value.isEmpty { return value }
        }
        return "vi"
    }

    func edit(_ text: String) -> Result<String, ExternalEditFailure> {
        // A 0700 folder of its own, not the shared temp folder: the editor's swap and
        // backup files land beside the draft, and must be as private as it is.
        let folder = NSTemporaryDirectory() + "kimichat-edit-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let path = folder + "/message.md"
        // Made 0600 from the start (a new name, O_EXCL): the draft is never readable
        // by others, not even for a moment.
        do throws(FileProblem) {
            try PrivateFiles.createFile(path, contents: Data(text.utf8))
        } catch {
            return .failure(ExternalEditFailure("Could not create a file for the editor: \(error.description)."))
        }
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let status = run(["/bin/sh", "-c", command + " \"$1\"", "sh", path])
        guard status == 0 else {
            return .failure(ExternalEditFailure("The editor (\(command)) exited with status \(status); the input is unchanged."))
        }
        guard let data = FileManager.default.contents(atPath: path), let edited = String(data: data, encoding: .utf8) else {
            return .failure(ExternalEditFailure("The edited text could not be read back as UTF-8; the input is unchanged."))
        }
        return .success(edited)
    }

    /// Runs `arguments` on this terminal and waits; returns its exit status (127 when it
    /// could not start).
    private func run(_ arguments: [String]) -> Int32 {
        var ignore = sigaction()
        ignore.__sigaction_handler.sa_handler = SIG_IGN
        var savedInterrupt = sigaction()
        var savedQuit = sigaction()
        sigaction(SIGINT, &ignore, &savedInterrupt)
        sigaction(SIGQUIT, &ignore, &savedQuit)
        defer {
            sigaction(SIGINT, &savedInterrupt, nil)
            sigaction(SIGQUIT, &savedQuit, nil)
        }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGINT)
        sigaddset(&defaults, SIGQUIT)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        // Nothing blocked either, whatever thread spawns it: an editor must see Ctrl-C.
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF) | Int16(POSIX_SPAWN_SETSIGMASK))

        let argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, arguments[0], nil, &attributes, argv, environ) == 0 else { return 127 }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1, errno == EINTR {}
        // WIFEXITED / WEXITSTATUS, which Swift does not import as functions.
        return status & 0x7F == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
    }
}
