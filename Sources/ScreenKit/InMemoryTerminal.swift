/// A terminal that draws into memory, for testing views and the presenter without a tty.
public struct InMemoryTerminal: TerminalBackend {
    public private(set) var screen: Frame
    public private(set) var rowWrites = 0
    public private(set) var flushes = 0

    public init(width: Int, height: Int) {
        screen = Frame(width: width, height: height)
    }

    public mutating func drawRow(_ row: Int, cells: [Cell]) {
        rowWrites += 1
        var x = 0
        for cell in cells where x < screen.width {
            if !cell.isContinuation {
                x = screen.put(String(cell.character), row: row, column: x, style: cell.style, maxColumns: screen.width - x)
            }
        }
    }

    public mutating func placeCursor(_ position: (row: Int, column: Int)?) {
        screen.cursor = position
    }

    public mutating func flush() { flushes += 1 }

    public var lines: [String] { screen.lines }
}
