import TextLayout

/// Sanitised text wrapped at any width from 8 columns: no control reaches the rows,
/// no row is wider than the width (unless it is one cluster wider than the pane), and
/// the rows give back every visible character in order.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTextWrapper(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    guard count > 0 else { return 0 }
    let width = 8 + Int(start[0] % 73)
    let raw = String(decoding: UnsafeBufferPointer(start: start + 1, count: count - 1), as: UTF8.self)
    let text = TerminalSafeText.sanitize(raw)
    let rows = TextWrapper.wrap(text, width: width)
    for row in rows {
        if row.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F || (0x80..<0xA0).contains($0.value) }) {
            fatalError("a control character reached a row")
        }
        // One cluster wider than the pane (a long ZWJ emoji, measured per code point)
        // overflows alone; zero-width characters may sit beside it.
        if DisplayWidth.of(row) > width, row.filter({ DisplayWidth.of($0) > 0 }).count > 1 {
            fatalError("a row is wider than \(width) columns")
        }
    }
    // Compared by scalar: removing a tab can join a lone combining mark to the
    // character before it, which changes the clusters but not the text.
    let kept = rows.joined().unicodeScalars.filter { !$0.properties.isWhitespace }.map(\.value)
    let expected = text.unicodeScalars.filter { !$0.properties.isWhitespace }.map(\.value)
    if kept != expected { fatalError("wrapping lost or changed characters") }
    return 0
}
