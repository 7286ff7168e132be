import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs a child process with posix_spawn, feeding stdin and collecting stdout and
/// stderr, with a deadline.
///
/// Every pipe is created close-on-exec. That matters: tests run in parallel, and a
/// long-lived child (tmux's server daemon) that inherited another test's pipe would
/// hold it open, so that test would never see end-of-file. Foundation's `Process`
/// had exactly that trouble here, and also left tmux's client unreaped.
enum Spawn {
    static func run(_ arguments: [String], environment: [String: String]? = nil, stdin: String? = nil,
                    captureOutput: Bool = true, timeout: Duration = .seconds(30)) throws -> ProcessResult {
        spawnLock.lock()
        var locked = true
        defer { if locked { spawnLock.unlock() } }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }

        let input = stdin == nil ? nil : try makePipe()
        let output = captureOutput ? try makePipe() : nil
        let errors = captureOutput ? try makePipe() : nil
        if let input { posix_spawn_file_actions_adddup2(&actions, input.read, 0) }
        else { posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0) }
        if let output { posix_spawn_file_actions_adddup2(&actions, output.write, 1) }
        else { posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0) }
        if let errors { posix_spawn_file_actions_adddup2(&actions, errors.write, 2) }
        else { posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0) }
        // Nothing else goes along. The test process's own sockets (the mock servers',
        // opened on NIO's threads without close-on-exec) would otherwise live on in
        // the child, and in tmux's long-lived server: a connection the mock closes
        // would stay open there, and its client would wait forever for the end.
        _ = closeFrom?(&actions, 3)

        let argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let environmentStrings = environment.map { $0.map { "\($0.key)=\($0.value)" } }
        let envp = environmentStrings.map { $0.map { strdup($0) } + [nil] }
        defer { envp?.forEach { free($0) } }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        SpawnSignals.reset(&attributes)
        var pid: pid_t = 0
        let status = envp.map { posix_spawnp(&pid, arguments[0], &actions, &attributes, argv, $0) }
            ?? posix_spawnp(&pid, arguments[0], &actions, &attributes, argv, environ)
        for pipe in [input, output, errors].compactMap({ $0 }) {
            close(pipe === input ? pipe.read : pipe.write)
        }
        spawnLock.unlock()
        locked = false
        guard status == 0 else {
            for pipe in [input, output, errors].compactMap({ $0 }) { close(pipe === input ? pipe.write : pipe.read) }
            throw TestSupportError.missingBinary("could not start \(arguments[0]) (error \(status)); is it installed?")
        }

        if let input, let stdin {
            let bytes = Array(stdin.utf8)
            _ = bytes.withUnsafeBytes { write(input.write, $0.baseAddress, $0.count) }
            close(input.write)
        }
        let deadline = ContinuousClock.now + timeout
        var collected: [Int32: Data] = [:]
        var open = [output?.read, errors?.read].compactMap { $0 }
        var timedOut = false
        while !open.isEmpty {
            let remaining = deadline - ContinuousClock.now
            if remaining <= .zero { timedOut = true; break }
            var descriptors = open.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            let milliseconds = Int32(min(1000, max(1, remaining.components.seconds * 1000)))
            guard poll(&descriptors, nfds_t(descriptors.count), milliseconds) >= 0 || errno == EINTR else { break }
            for descriptor in descriptors where descriptor.revents != 0 {
                var buffer = [UInt8](repeating: 0, count: 65536)
                let count = read(descriptor.fd, &buffer, buffer.count)
                if count > 0 {
                    collected[descriptor.fd, default: Data()].append(buffer, count: count)
                } else {
                    close(descriptor.fd)
                    open.removeAll { $0 == descriptor.fd }
                }
            }
        }
        if timedOut {
            kill(pid, SIGKILL)
            open.forEach { close($0) }
        }
        var waitStatus: Int32 = 0
        while waitpid(pid, &waitStatus, 0) < 0 && errno == EINTR {}
        if timedOut {
            throw TestSupportError.timedOut("\(arguments) did not finish within \(timeout)")
        }
        let exitCode = (waitStatus & 0x7F) == 0 ? (waitStatus >> 8) & 0xFF : 128 + (waitStatus & 0x7F)
        let text = { (descriptor: Int32?) in
            descriptor.flatMap { collected[$0] }.map { String(decoding: $0, as: UTF8.self) } ?? ""
        }
        return ProcessResult(status: exitCode, stdout: text(output?.read), stderr: text(errors?.read))
    }

    /// Starts a long-running program (a server a test needs) with its stdout and stderr
    /// appended to `outputPath`; the caller stops it with `kill` and reaps it with `waitpid`.
    static func startDaemon(_ arguments: [String], outputPath: String) throws -> pid_t {
        spawnLock.lock()
        defer { spawnLock.unlock() }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_APPEND, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        _ = closeFrom?(&actions, 3)
        let argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        SpawnSignals.reset(&attributes)
        var pid: pid_t = 0
        let status = posix_spawnp(&pid, arguments[0], &actions, &attributes, argv, environ)
        guard status == 0 else {
            throw TestSupportError.missingBinary("could not start \(arguments[0]) (error \(status)); is it installed? "
                + "scripts/setup installs it")
        }
        return pid
    }

    final class PipeEnds {
        let read: Int32
        let write: Int32
        init(read: Int32, write: Int32) { self.read = read; self.write = write }
    }

    /// Held while pipes are made and the child is spawned, so no other spawn can slip in
    /// between `pipe` and `FD_CLOEXEC` (Glibc's module does not offer `pipe2`).
    private static let spawnLock = NSLock()

    private static func makePipe() throws -> PipeEnds {
        var descriptors: [Int32] = [-1, -1]
        guard pipe(&descriptors) == 0 else { throw TestSupportError.timedOut("pipe failed") }
        for descriptor in descriptors { _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC) }
        return PipeEnds(read: descriptors[0], write: descriptors[1])
    }
}

/// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34+), which Swift's Glibc
/// module does not expose: looked up by name.
private let closeFrom: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32)? = {
    guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np")
    else { return nil }
    return unsafeBitCast(symbol, to: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32).self)
}()
