/// What the terminal reports besides drawing: input is waiting, the window changed
/// size, or the process was asked to end.
public enum TerminalEvent: Sendable, Equatable {
    case inputAvailable
    case resized
    case terminationRequested(signal: Int32)
    /// The process was stopped and continued (SIGCONT): whatever ran meanwhile may
    /// have drawn over the screen.
    case resumed
}

/// A terminal the app runs in: a backend to draw on, keys to read, events to wait for.
public protocol InteractiveTerminal: TerminalBackend {
    var rows: Int { get }
    var columns: Int { get }
    /// Wakes the app; never busy-polls.
    var events: AsyncStream<TerminalEvent> { get }
    /// Every key already typed, without blocking; call after `.inputAvailable`.
    mutating func readKeys() -> [Key]
    /// Adopts the new window size after `.resized`.
    mutating func adoptNewSize()
    /// Puts text on the system clipboard (OSC 52, which travels over SSH and through tmux);
    /// text too long for the terminal is cut, at a character boundary.
    mutating func copyToClipboard(_ text: String)
    /// Gives the terminal to `body` (an editor) in its ordinary mode, then takes it back;
    /// the next frame must be drawn whole.
    mutating func runOutside(_ body: () -> Void)
    /// Gives the terminal back to the shell and stops the process, as Ctrl-Z does in
    /// any program; returns once the shell continues it (`fg`). The next frame must be
    /// drawn whole.
    mutating func suspend()
    /// After `.resumed`: whatever ran while the process was stopped may have changed the
    /// screen and the terminal's modes; the next frame is drawn whole on a clean screen.
    mutating func recoverAfterStop()
    /// Gives the terminal back as it was found.
    mutating func stop()
}
