/// Code points `first...last`, all `width` columns wide: one row of the generated
/// width table (`WidthTable.swift`).
struct WidthRange: Sendable {
    let first: UInt32
    let last: UInt32
    let width: Int8

    init(_ first: UInt32, _ last: UInt32, _ width: Int8) {
        self.first = first
        self.last = last
        self.width = width
    }
}
