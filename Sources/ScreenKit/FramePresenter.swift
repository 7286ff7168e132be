/// Draws frames on a backend, sending only the rows that differ from the last frame.
public struct FramePresenter {
    private var lastFrame: Frame?
    /// Rows sent to the backend over the presenter's life: a measure for tests and benchmarks.
    public private(set) var rowsDrawn = 0

    public init() {}

    /// Forgets what is on screen (after a resize or a screen clear), so the next frame draws whole.
    public mutating func invalidate() { lastFrame = nil }

    public mutating func present<Backend: TerminalBackend>(_ frame: Frame, on backend: inout Backend) {
        let previous = lastFrame.flatMap { $0.width == frame.width && $0.height == frame.height ? $0 : nil }
        for row in 0..<frame.height where previous?.rows[row] != frame.rows[row] {
            backend.drawRow(row, cells: frame.rows[row])
            rowsDrawn += 1
        }
        backend.placeCursor(frame.cursor)
        backend.flush()
        lastFrame = frame
    }
}
