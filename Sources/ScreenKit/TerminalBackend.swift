/// The drawing side of a terminal: what a frame presenter needs and nothing more.
/// The ncurses backend and the in-memory terminal both implement it.
public protocol TerminalBackend {
    /// Draws one row of cells at `row`, replacing what was there.
    mutating func drawRow(_ row: Int, cells: [Cell])
    /// Moves the visible cursor, or hides it when nil.
    mutating func placeCursor(_ position: (row: Int, column: Int)?)
    /// Makes everything drawn since the last flush visible at once.
    mutating func flush()
}
