import ScreenKit

/// A laid-out line: runs of text, each in one style.
public struct StyledLine: Equatable, Sendable {
    public var spans: [(text: String, style: Style)]

    public init(_ text: String, style: Style) {
        spans = [(text, style)]
    }

    public init(spans: [(text: String, style: Style)]) {
        self.spans = spans
    }

    public static func == (lhs: StyledLine, rhs: StyledLine) -> Bool {
        lhs.spans.count == rhs.spans.count
            && zip(lhs.spans, rhs.spans).allSatisfy { $0.text == $1.text && $0.style == $1.style }
    }

    public static let empty = StyledLine("", style: .plain)

    /// Draws the line into a frame row, starting at `column`.
    func draw(into frame: inout Frame, row: Int, column: Int) {
        var x = column
        for span in spans {
            x = frame.put(span.text, row: row, column: x, style: span.style)
        }
    }
}
