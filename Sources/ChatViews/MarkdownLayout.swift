import ScreenKit
import TextLayout

/// Markdown blocks as styled lines at a width: headings, paragraphs, lists with
/// hanging indents, quotes, rules, fenced code (labelled, on its own background, long
/// lines continued with ↪ rather than re-wrapped), and tables aligned by display width
/// (or, too wide for the pane, one row per line).
struct MarkdownLayout {
    let theme: Theme
    let base: Style
    let indent: String

    func lines(_ blocks: [MarkdownBlock], width: Int) -> [StyledLine] {
        let width = max(1, width - indent.count)
        var lines: [StyledLine] = []
        for block in blocks {
            switch block {
            case let .paragraph(text):
                for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                    lines += wrapped(MarkdownInline.parse(String(line)), width: width, style: base)
                }
            case let .heading(level, text):
                // The letters stay as written (upper-casing changes meaning, and does nothing for
                // CJK): a top heading is underlined instead.
                var style = theme.heading
                if level == 1 { style.underline = true }
                lines += wrapped(MarkdownInline.parse(text), width: width, style: style)
            case let .listItem(marker, depth, text):
                let lead = String(repeating: "  ", count: min(depth, 6)) + marker + " "
                let hanging = String(repeating: " ", count: DisplayWidth.of(lead))
                let body = wrapped(MarkdownInline.parse(text), width: max(1, width - hanging.count), style: base,
                                   prefix: "")
                for (index, line) in body.enumerated() {
                    let head = index == 0 ? lead : hanging
                    lines.append(StyledLine(spans: [(indent + head, index == 0 ? theme.marker : base)]
                        + Array(line.spans.dropFirst())))
                }
            case let .quote(text):
                for line in wrapped(MarkdownInline.parse(text), width: max(1, width - 2), style: theme.quote, prefix: "") {
                    lines.append(StyledLine(spans: [(indent + "│ ", theme.marker)] + Array(line.spans.dropFirst())))
                }
            case .rule:
                lines.append(StyledLine(indent + String(repeating: "─", count: width), style: theme.separator))
            case let .code(language, codeLines, isClosed):
                lines += code(language: language, lines: codeLines, isClosed: isClosed, width: width)
            case let .table(rows, alignments):
                lines += table(rows, alignments: alignments, width: width)
            case .blank:
                lines.append(.empty)
            }
        }
        return lines
    }

    /// Inline runs wrapped to `width`, each line prefixed by the indent (as its own span,
    /// so callers can swap it for a marker).
    private func wrapped(_ runs: [InlineRun], width: Int, style: Style, prefix: String? = nil) -> [StyledLine] {
        StyledWrap.wrap(runs, width: width).map { line in
            StyledLine(spans: [(prefix ?? indent, style)] + line.map { ($0.text, self.style(of: $0.style, base: style)) })
        }
    }

    private func style(of inline: InlineStyle, base: Style) -> Style {
        if inline.contains(.code) { return theme.code }
        if inline.contains(.linkTarget) { return theme.detail }
        var style = inline.contains(.link) ? theme.link : base
        if inline.contains(.bold) { style.bold = true }
        if inline.contains(.italic) { style.italic = true }
        if inline.contains(.strike) { style.dim = true }
        return style
    }

    private func code(language: String, lines codeLines: [String], isClosed: Bool, width: Int) -> [StyledLine] {
        let label = language.isEmpty ? "code" : language
        var lines = [StyledLine(indent + "┌ " + label + (isClosed ? "" : " …"), style: theme.detail)]
        for line in codeLines {
            let expanded = line.replacingTabs()
            var segments = hardSplit(expanded, width: max(1, width - 2))
            if segments.isEmpty { segments = [""] }
            for (index, segment) in segments.enumerated() {
                let mark = index == 0 ? "│ " : "↪ "
                let padding = String(repeating: " ", count: max(0, width - 2 - DisplayWidth.of(segment)))
                lines.append(StyledLine(spans: [(indent + mark, theme.detail), (segment + padding, theme.code)]))
            }
        }
        if isClosed { lines.append(StyledLine(indent + "└", style: theme.detail)) }
        return lines
    }

    /// Cuts a code line into pieces of at most `width` columns, never splitting a
    /// character (code is not re-wrapped at spaces: its spacing means something).
    private func hardSplit(_ text: String, width: Int) -> [String] {
        var pieces: [String] = []
        var current = ""
        var columns = 0
        for character in text {
            let size = DisplayWidth.of(character)
            if columns + size > width, !current.isEmpty {
                pieces.append(current)
                current = ""
                columns = 0
            }
            current.append(character)
            columns += size
        }
        if !current.isEmpty || pieces.isEmpty { pieces.append(current) }
        return pieces
    }

    private func table(_ rows: [[String]], alignments: [TableAlignment], width: Int) -> [StyledLine] {
        let parsed = rows.map { $0.map { MarkdownInline.parse($0) } }
        let columns = parsed.map(\.count).max() ?? 0
        var widths = [Int](repeating: 0, count: columns)
        for row in parsed {
            for (index, cell) in row.enumerated() {
                widths[index] = max(widths[index], DisplayWidth.of(cell.map(\.text).joined()))
            }
        }
        let total = widths.reduce(0, +) + 3 * columns + 1
        guard total <= width else {
            // Too wide to align: each row as one line of cells, wrapped.
            return parsed.flatMap { row in
                wrapped(Array(row.joined(separator: [InlineRun(" · ", [])])), width: width, style: base)
            }
        }
        func rule(_ left: String, _ middle: String, _ right: String) -> StyledLine {
            StyledLine(indent + left + widths.map { String(repeating: "─", count: $0 + 2) }.joined(separator: middle) + right,
                       style: theme.separator)
        }
        var lines = [rule("┌", "┬", "┐")]
        for (rowIndex, row) in parsed.enumerated() {
            var spans: [(text: String, style: Style)] = [(indent + "│", theme.separator)]
            for column in 0..<columns {
                let cell = column < row.count ? row[column] : []
                var cellBase = base
                if rowIndex == 0 { cellBase.bold = true }
                let free = widths[column] - DisplayWidth.of(cell.map(\.text).joined())
                let before = switch column < alignments.count ? alignments[column] : .left {
                case .left: 0
                case .center: free / 2
                case .right: free
                }
                spans.append((String(repeating: " ", count: before + 1), base))
                spans += cell.map { ($0.text, style(of: $0.style, base: cellBase)) }
                spans.append((String(repeating: " ", count: free - before + 1), base))
                spans.append(("│", theme.separator))
            }
            lines.append(StyledLine(spans: spans))
            if rowIndex == 0, parsed.count > 1 { lines.append(rule("├", "┼", "┤")) }
        }
        lines.append(rule("└", "┴", "┘"))
        return lines
    }
}

private extension String {
    func replacingTabs() -> String {
        var result = ""
        var column = 0
        for character in self {
            if character == "\t" {
                let spaces = TextWrapper.tabWidth - column % TextWrapper.tabWidth
                result += String(repeating: " ", count: spaces)
                column += spaces
            } else {
                result.append(character)
                column += DisplayWidth.of(character)
            }
        }
        return result
    }
}
