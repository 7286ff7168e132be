/// One block of a Markdown text, as kimichat draws it.
public enum MarkdownBlock: Equatable, Sendable {
    case paragraph(String)
    case heading(level: Int, text: String)
    /// A fenced code block; `isClosed` is false while its closing fence has not arrived.
    case code(language: String, lines: [String], isClosed: Bool)
    /// List items: the marker ("•" or "3.") and the item's text, with its nesting depth.
    case listItem(marker: String, depth: Int, text: String)
    case quote(String)
    case rule
    /// `alignments`: each column's, from the delimiter row (`:---`, `:---:`, `---:`).
    case table(rows: [[String]], alignments: [TableAlignment])
    case blank
}

/// How a table column's cells sit in their width.
public enum TableAlignment: Equatable, Sendable {
    case left, center, right

    /// `:---:` centre, `---:` right, anything else left.
    init(delimiter cell: String) {
        switch (cell.hasPrefix(":"), cell.hasSuffix(":")) {
        case (true, true): self = .center
        case (false, true): self = .right
        default: self = .left
        }
    }
}

/// Splits Markdown into blocks, line by line. Pure and restartable: `settledPrefix`
/// says how much of a growing text can no longer change its blocks.
public enum MarkdownBlocks {
    public static func parse(_ text: String) -> [MarkdownBlock] {
        var blocks: [MarkdownBlock] = []
        var paragraph: [Substring] = []
        var code: (language: String, lines: [String], fence: String)?
        var table: [[String]] = []
        var alignments: [TableAlignment] = []

        func flushParagraph() {
            // A line break inside a paragraph stays one: replies use them on purpose, and
            // joining Chinese lines with a space would add one that was never there.
            if !paragraph.isEmpty { blocks.append(.paragraph(paragraph.joined(separator: "\n"))) }
            paragraph = []
        }
        func flushTable() {
            if !table.isEmpty { blocks.append(.table(rows: table, alignments: alignments)) }
            table = []
            alignments = []
        }

        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if var open = code {
                if line.trimmingLeadingSpaces.hasPrefix(open.fence), line.trimmingSpaces == Substring(open.fence) {
                    blocks.append(.code(language: open.language, lines: open.lines, isClosed: true))
                    code = nil
                } else {
                    open.lines.append(String(line))
                    code = open
                }
                continue
            }
            let trimmed = line.trimmingLeadingSpaces
            if let fence = fenceOpening(trimmed) {
                flushParagraph(); flushTable()
                code = (String(trimmed.dropFirst(fence.count).trimmingSpaces), [], fence)
                continue
            }
            if isTableRow(trimmed) {
                flushParagraph()
                let cells = tableCells(trimmed)
                if cells.allSatisfy(isDelimiterCell) {
                    alignments = cells.map(TableAlignment.init(delimiter:))
                } else {
                    table.append(cells)
                }
                continue
            }
            flushTable()
            if trimmed.isEmpty {
                flushParagraph()
                if blocks.last != .blank { blocks.append(.blank) }
            } else if let heading = heading(trimmed) {
                flushParagraph()
                blocks.append(heading)
            } else if isRule(trimmed) {
                flushParagraph()
                blocks.append(.rule)
            } else if trimmed.hasPrefix(">") {
                flushParagraph()
                blocks.append(.quote(String(trimmed.dropFirst().trimmingLeadingSpaces)))
            } else if let item = listItem(line) {
                flushParagraph()
                blocks.append(item)
            } else {
                paragraph.append(trimmed)
            }
        }
        flushParagraph()
        flushTable()
        if let open = code { blocks.append(.code(language: open.language, lines: open.lines, isClosed: false)) }
        return blocks
    }

    /// The length (in UTF-8 bytes) of the longest prefix of `text` whose lines are
    /// final however the text goes on: up to the end of the last complete line outside
    /// a code block, or the end of the last closed code block. Blocks are decided a
    /// line at a time and a paragraph is drawn a line at a time, so a finished line
    /// never changes; table rows are the exception (a later row can widen a column),
    /// so a line ending a table row settles nothing.
    public static func settledPrefix(_ text: String) -> Int {
        var settled = 0
        var offset = 0
        var fence: String?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let end = offset + line.utf8.count + 1
            defer { offset = end }
            guard end <= text.utf8.count else { break }  // the unfinished last line
            let trimmed = line.trimmingLeadingSpaces
            if let open = fence {
                if trimmed.trimmingSpaces == Substring(open) { fence = nil; settled = end }
            } else if let opening = fenceOpening(trimmed) {
                fence = opening
            } else if !isTableRow(trimmed) {
                settled = end
            }
        }
        return settled
    }

    static func fenceOpening(_ line: Substring) -> String? {
        for fence in ["```", "~~~"] where line.hasPrefix(fence) {
            let run = line.prefix { $0 == fence.first }
            return String(run)
        }
        return nil
    }

    static func heading(_ line: Substring) -> MarkdownBlock? {
        let hashes = line.prefix { $0 == "#" }
        guard (1...6).contains(hashes.count) else { return nil }
        let rest = line.dropFirst(hashes.count)
        guard rest.isEmpty || rest.first == " " else { return nil }
        return .heading(level: hashes.count, text: String(rest.trimmingSpaces.trimmingTrailing("#").trimmingSpaces))
    }

    static func isRule(_ line: Substring) -> Bool {
        guard let first = line.first, first == "-" || first == "*" || first == "_" else { return false }
        let compact = line.filter { $0 != " " }
        return compact.count >= 3 && compact.allSatisfy { $0 == first }
    }

    static func listItem(_ line: Substring) -> MarkdownBlock? {
        let indent = line.prefix { $0 == " " }.count
        let trimmed = line.dropFirst(indent)
        let depth = indent / 2
        if let first = trimmed.first, "-*+".contains(first), trimmed.dropFirst().first == " " {
            return .listItem(marker: "•", depth: depth, text: String(trimmed.dropFirst(2)))
        }
        let digits = trimmed.prefix { $0.isASCII && $0.isNumber }
        if (1...9).contains(digits.count), let after = trimmed.dropFirst(digits.count).first, after == "." || after == ")",
           trimmed.dropFirst(digits.count + 1).first == " " {
            return .listItem(marker: digits + ".", depth: depth, text: String(trimmed.dropFirst(digits.count + 2)))
        }
        return nil
    }

    static func isTableRow(_ line: Substring) -> Bool {
        line.hasPrefix("|") && line.count >= 2 && line.trimmingSpaces.hasSuffix("|")
    }

    static func tableCells(_ line: Substring) -> [String] {
        let inner = line.trimmingSpaces.dropFirst().dropLast()
        return inner.split(separator: "|", omittingEmptySubsequences: false).map { String($0.trimmingSpaces) }
    }

    static func isDelimiterCell(_ cell: String) -> Bool {
        !cell.isEmpty && cell.allSatisfy { "-:".contains($0) } && cell.contains("-")
    }
}

extension Substring {
    var trimmingLeadingSpaces: Substring { drop { $0 == " " || $0 == "\t" } }
    var trimmingSpaces: Substring {
        var result = trimmingLeadingSpaces
        while result.last == " " || result.last == "\t" || result.last == "\r" { result = result.dropLast() }
        return result
    }
    func trimmingTrailing(_ character: Character) -> Substring {
        var result = self
        while result.last == character { result = result.dropLast() }
        return result
    }
}
