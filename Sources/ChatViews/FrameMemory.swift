import ScreenKit

/// The last frame a renderer drew over a bare transcript, and the line on each of its
/// transcript rows. A streaming delta changes a row or two: the next frame starts from
/// this one and draws only the rows whose line changed. Unchanged rows stay the same
/// arrays, so the presenter's row comparison of them costs nothing either.
public final class FrameMemory {
    struct Drawn {
        var frame: Frame
        var layout: ScreenLayout
        var height: Int
        /// The line on each transcript row (nil: blank), or nil when the "new output
        /// below" mark was drawn over them: then the next frame draws every row.
        var rows: [StyledLine?]?
    }

    var last: Drawn?

    public init() {}

    /// Forgets the last frame: the next render draws every row.
    public func forget() { last = nil }
}
