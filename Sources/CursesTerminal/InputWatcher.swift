import Dispatch
import Foundation
import ScreenKit
#if canImport(Glibc)
import Glibc
#endif

/// Waits on stdin and the signal pipe in a thread of its own and reports what woke it.
///
/// `poll` blocks with no timeout, so an idle app uses no CPU. After reporting input
/// the watcher waits until the UI has read it, or `poll` would wake again at once.
final class InputWatcher: Sendable {
    let events: AsyncStream<TerminalEvent>
    private let continuation: AsyncStream<TerminalEvent>.Continuation
    private let wakeRead: Int32
    let wakeWrite: Int32
    private let drained = DispatchSemaphore(value: 0)
    static let stopByte: UInt8 = 0

    init() throws {
        var descriptors: [Int32] = [0, 0]
        guard pipe(&descriptors) == 0 else { throw TerminalError.setupFailed("could not create a pipe") }
        wakeRead = descriptors[0]
        wakeWrite = descriptors[1]
        _ = fcntl(wakeWrite, F_SETFL, fcntl(wakeWrite, F_GETFL) | O_NONBLOCK)
        (events, continuation) = AsyncStream.makeStream(of: TerminalEvent.self, bufferingPolicy: .unbounded)
    }

    func start() {
        let thread = Thread { [self] in watch() }
        thread.name = "kimichat-input"
        thread.start()
    }

    /// The UI read all pending input; the watcher may poll again.
    func inputDrained() { drained.signal() }

    func stop() {
        var byte = InputWatcher.stopByte
        _ = write(wakeWrite, &byte, 1)
        drained.signal()
    }

    private func watch() {
        var descriptors = [pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0),
                           pollfd(fd: wakeRead, events: Int16(POLLIN), revents: 0)]
        while true {
            descriptors[0].revents = 0
            descriptors[1].revents = 0
            let ready = poll(&descriptors, 2, -1)
            if ready < 0 {
                if errno == EINTR { continue }
                break
            }
            if descriptors[1].revents != 0 {
                var byte: UInt8 = 0
                if read(wakeRead, &byte, 1) == 1 {
                    if byte == InputWatcher.stopByte { break }
                    if Int32(byte) == SIGWINCH {
                        continuation.yield(.resized)
                    } else if Int32(byte) == SIGCONT {
                        continuation.yield(.resumed)
                    } else {
                        continuation.yield(.terminationRequested(signal: Int32(byte)))
                    }
                }
            }
            if descriptors[0].revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 {
                // The terminal is gone (Linux reports POLLIN with POLLHUP): reading would spin.
                continuation.yield(.terminationRequested(signal: SIGHUP))
                break
            }
            if descriptors[0].revents & Int16(POLLIN) != 0 {
                continuation.yield(.inputAvailable)
                drained.wait()
            }
        }
        continuation.finish()
    }
}

public enum TerminalError: Error, CustomStringConvertible {
    case notATerminal
    case setupFailed(String)
    case unusableType(TerminalTypeProblem)

    public enum TerminalTypeProblem: Sendable {
        case unset
        case cannotDraw(String)
        case unknown(String)
    }

    public var description: String {
        switch self {
        case .notATerminal:
            return "the chat needs a terminal (stdin and stdout must be a tty). "
                + "For scripts and pipes use `kimichat ask \"…\"`."
        case let .setupFailed(reason):
            return "The terminal could not be set up: \(reason)"
        case .unusableType(.unset):
            return "TERM is not set, so kimichat cannot tell how to draw on this terminal. Set it (for example "
                + "`export TERM=xterm-256color`), or use `kimichat ask \"…\"`, which needs no terminal."
        case let .unusableType(.cannotDraw(name)):
            return "TERM=\(name) describes a terminal that cannot draw a full-screen chat. Use `kimichat ask \"…\"` "
                + "here, or run kimichat in a terminal emulator."
        case let .unusableType(.unknown(name)):
            return "TERM=\(name) is not in the terminfo database, or names no particular terminal. Set TERM to a terminal it knows (for example "
                + "xterm-256color) or install its entry (Debian: ncurses-term); `kimichat ask \"…\"` works without it."
        }
    }
}
