import TextLayout

/// Any text parses into blocks and styled rows without a crash; styled rows are never
/// wider than the width (unless one cluster is), and the settled prefix of a text is
/// a prefix whose blocks the rest cannot change.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMarkdownStyler(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    guard count > 0 else { return 0 }
    let width = 8 + Int(start[0] % 73)
    let raw = String(decoding: UnsafeBufferPointer(start: start + 1, count: count - 1), as: UTF8.self)
    let text = TerminalSafeText.sanitize(raw)
    for block in MarkdownBlocks.parse(text) {
        let source: String
        switch block {
        case let .paragraph(body), let .heading(_, body), let .listItem(_, _, body), let .quote(body): source = body
        case let .code(_, lines, _): source = lines.joined(separator: "\n")
        case let .table(rows, _): source = rows.flatMap { $0 }.joined(separator: " ")
        case .rule, .blank: source = ""
        }
        for row in StyledWrap.wrap(MarkdownInline.parse(source), width: width) {
            let rowText = row.map(\.text).joined()
            if DisplayWidth.of(rowText) > width, rowText.filter({ DisplayWidth.of($0) > 0 }).count > 1 {
                fatalError("a styled row is too wide")
            }
        }
    }
    let settled = MarkdownBlocks.settledPrefix(text)
    let utf8Count = text.utf8.count
    if settled < 0 || settled > utf8Count { fatalError("settled prefix \(settled) outside 0...\(utf8Count)") }
    return 0
}
