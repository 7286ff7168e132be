import Foundation
#if canImport(Glibc)
import Glibc
#endif

enum BenchError: Error, CustomStringConvertible {
    case failed(String)
    var description: String { if case let .failed(message) = self { return message }; return "" }
}

/// A program running on a pseudo-terminal of a given size, as it would in a terminal
/// window: its output is read on a thread of our own, every byte kept and timed when
/// it arrived, so waits measure when the program wrote, not when we looked.
final class PseudoTerminal: @unchecked Sendable {
    let pid: pid_t
    private let master: Int32
    private let condition = NSCondition()
    private var output: [UInt8] = []
    /// (end offset, time read) for every read: when each byte arrived.
    private var reads: [(end: Int, at: ContinuousClock.Instant)] = []
    private var isClosed = false

    init(_ executable: String, _ arguments: [String], environment: [String: String], columns: Int, rows: Int) throws {
        // posix_openpt and friends are hidden from Swift's Glibc module, and so are the
        // ioctl macros; these are what they do on Linux (the numbers are _IOW('T', 0x31,
        // int) and _IOR('T', 0x30, unsigned), the same on x86-64 and arm64).
        let setLock: UInt = 0x4004_5431, getNumber: UInt = 0x8004_5430
        master = open("/dev/ptmx", O_RDWR | O_NOCTTY)
        var unlock: Int32 = 0
        var number: UInt32 = 0
        guard master >= 0, ioctl(master, setLock, &unlock) == 0, ioctl(master, getNumber, &number) == 0 else {
            throw BenchError.failed("no pseudo-terminal")
        }
        let name = "/dev/pts/\(number)"
        var size = winsize(ws_row: UInt16(rows), ws_col: UInt16(columns), ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(master, UInt(TIOCSWINSZ), &size)
        let slave = open(name, O_RDWR | O_NOCTTY)
        guard slave >= 0 else { throw BenchError.failed("cannot open \(name)") }
        defer { close(slave) }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for target in [STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO] {
            posix_spawn_file_actions_adddup2(&actions, slave, target)
        }
        posix_spawn_file_actions_addclose(&actions, master)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        let newSession: Int16 = 0x80 // POSIX_SPAWN_SETSID, which Swift's Glibc module leaves out
        SpawnSignals.reset(&attributes, flags: newSession)

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for pointer in argv + envp { free(pointer) } }
        var child: pid_t = 0
        let status = posix_spawn(&child, executable, &actions, &attributes, argv, envp)
        guard status == 0 else { throw BenchError.failed("cannot start \(executable): \(String(cString: strerror(status)))") }
        pid = child
        let reader = Thread { [self] in readLoop() }
        reader.stackSize = 1 << 20
        reader.start()
    }

    deinit { close(master) }

    private func readLoop() {
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(master, $0.baseAddress, $0.count) }
            let now = ContinuousClock.now
            condition.lock()
            if count <= 0 {
                isClosed = true
            } else {
                output.append(contentsOf: buffer[0..<count])
                reads.append((output.count, now))
            }
            condition.broadcast()
            condition.unlock()
            if count <= 0 { return }
        }
    }

    /// How many bytes the program has written so far.
    var byteCount: Int {
        condition.lock(); defer { condition.unlock() }
        return output.count
    }

    func type(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
    }

    /// Waits until `text` appears in the output after `offset`; returns where it ends and
    /// when the bytes that completed it arrived.
    @discardableResult
    func waitFor(_ text: String, after offset: Int = 0, timeout: Duration = .seconds(30)) throws
        -> (end: Int, at: ContinuousClock.Instant) {
        let needle = Array(text.utf8)
        let deadline = Date().addingTimeInterval(Self.seconds(timeout))
        var searched = offset
        condition.lock(); defer { condition.unlock() }
        while true {
            if let end = Self.find(needle, in: output, from: searched) {
                let arrival = reads.first { $0.end >= end }!.at
                return (end, arrival)
            }
            searched = max(offset, output.count - needle.count + 1)
            if isClosed { throw BenchError.failed("the program ended before \"\(text)\" appeared") }
            if !condition.wait(until: deadline) {
                throw BenchError.failed("timed out waiting for \"\(text)\"; last output: "
                    + String(decoding: output.suffix(300), as: UTF8.self).debugDescription)
            }
        }
    }

    /// Waits until the program has written nothing for `quiet`.
    func waitForQuiet(_ quiet: Duration, timeout: Duration = .seconds(60)) throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let before = byteCount
            Thread.sleep(forTimeInterval: Self.seconds(quiet))
            if byteCount == before { return }
        }
        throw BenchError.failed("the program never went quiet")
    }

    /// Waits until the program's side of the terminal is closed (it ended) and every
    /// byte it wrote has been read.
    func waitForClose(timeout: Duration = .seconds(60)) throws {
        let deadline = Date().addingTimeInterval(Self.seconds(timeout))
        condition.lock(); defer { condition.unlock() }
        while !isClosed {
            if !condition.wait(until: deadline) { throw BenchError.failed("the program did not end") }
        }
    }

    /// Waits for the program to end; its exit status and the CPU it used in all.
    func waitForExit() -> (status: Int32, cpu: Duration) {
        var status: Int32 = 0
        var usage = rusage()
        _ = wait4(pid, &status, 0, &usage)
        let micros = (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1_000_000
            + Int(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec)
        return (status, .microseconds(micros))
    }

    func kill() {
        _ = Glibc.kill(pid, SIGKILL)
        _ = waitForExit()
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard !needle.isEmpty, haystack.count >= needle.count else { return nil }
        var index = max(0, start)
        while index <= haystack.count - needle.count {
            if haystack[index] == needle[0], haystack[index..<(index + needle.count)].elementsEqual(needle) {
                return index + needle.count
            }
            index += 1
        }
        return nil
    }
}
