import Synchronization

/// A terminal driven by a script instead of a person: keys, resizes and signals go in,
/// every flushed frame comes out. It conforms to the same protocol as the curses
/// backend, so the whole app can run in a test process, no tty or tmux needed.
/// Shared by reference: the app draws on it while the test types and reads.
public final class ScriptedTerminal: InteractiveTerminal, Sendable {
    /// One flush as the app sent it.
    public struct Flush: Sendable {
        /// The whole screen after the flush, trailing spaces removed.
        public var lines: [String]
        public var cursor: (row: Int, column: Int)?
        /// Rows the app sent in this flush: what a delta cost in repainting.
        public var rowsDrawn: [Int]
    }

    private struct Screen {
        var memory: InMemoryTerminal
        var rowsSinceFlush: [Int] = []
        var flushes: [Flush] = []
        var pendingKeys: [Key] = []
        var pendingSize: (columns: Int, rows: Int)?
        var clipboard: [String] = []
        var suspensions = 0
        var isStopped = false
    }

    private let screen: Mutex<Screen>
    public let events: AsyncStream<TerminalEvent>
    private let send: AsyncStream<TerminalEvent>.Continuation

    public init(columns: Int, rows: Int) {
        screen = Mutex(Screen(memory: InMemoryTerminal(width: columns, height: rows)))
        (events, send) = AsyncStream.makeStream(of: TerminalEvent.self, bufferingPolicy: .unbounded)
    }

    // MARK: - The app's side

    public var rows: Int { screen.withLock { $0.memory.screen.height } }
    public var columns: Int { screen.withLock { $0.memory.screen.width } }

    public func readKeys() -> [Key] {
        screen.withLock { screen in
            defer { screen.pendingKeys.removeAll() }
            return screen.pendingKeys
        }
    }

    public func adoptNewSize() {
        screen.withLock { screen in
            guard let size = screen.pendingSize else { return }
            screen.pendingSize = nil
            screen.memory = InMemoryTerminal(width: size.columns, height: size.rows)
        }
    }

    public func copyToClipboard(_ text: String) {
        screen.withLock { $0.clipboard.append(text) }
    }

    public func runOutside(_ body: () -> Void) {
        body()
    }

    public func suspend() {
        screen.withLock { $0.suspensions += 1 }
    }

    public func recoverAfterStop() {}

    public func stop() {
        screen.withLock { $0.isStopped = true }
        send.finish()
    }

    public func drawRow(_ row: Int, cells: [Cell]) {
        screen.withLock { screen in
            screen.memory.drawRow(row, cells: cells)
            screen.rowsSinceFlush.append(row)
        }
    }

    public func placeCursor(_ position: (row: Int, column: Int)?) {
        screen.withLock { $0.memory.placeCursor(position) }
    }

    public func flush() {
        screen.withLock { screen in
            screen.memory.flush()
            screen.flushes.append(Flush(lines: screen.memory.lines, cursor: screen.memory.screen.cursor,
                                        rowsDrawn: screen.rowsSinceFlush))
            screen.rowsSinceFlush = []
        }
    }

    // MARK: - The script's side

    /// Types `keys`, as a person would, in one burst.
    public func type(_ keys: [Key]) {
        screen.withLock { $0.pendingKeys += keys }
        send.yield(.inputAvailable)
    }

    /// Types each character of `text`.
    public func type(_ text: String) {
        type(text.map(Key.character))
    }

    /// The window becomes this size.
    public func resize(columns: Int, rows: Int) {
        screen.withLock { $0.pendingSize = (columns, rows) }
        send.yield(.resized)
    }

    public func requestTermination(signal: Int32 = 15) {
        send.yield(.terminationRequested(signal: signal))
    }

    /// Every flush so far, oldest first.
    public var flushes: [Flush] { screen.withLock { $0.flushes } }

    /// What the screen shows now.
    public var lines: [String] { screen.withLock { $0.memory.lines } }

    /// How many times the app stopped itself (Ctrl-Z).
    public var suspensions: Int { screen.withLock { $0.suspensions } }

    /// The process was continued after a stop.
    public func resume() {
        send.yield(.resumed)
    }

    /// Texts the app put on the clipboard.
    public var clipboard: [String] { screen.withLock { $0.clipboard } }

    /// The app gave the terminal back.
    public var isStopped: Bool { screen.withLock { $0.isStopped } }
}
