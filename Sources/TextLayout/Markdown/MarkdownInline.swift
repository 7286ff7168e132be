/// How a run of inline Markdown text looks.
public struct InlineStyle: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let bold = InlineStyle(rawValue: 1)
    public static let italic = InlineStyle(rawValue: 2)
    public static let strike = InlineStyle(rawValue: 4)
    public static let code = InlineStyle(rawValue: 8)
    public static let link = InlineStyle(rawValue: 16)
    public static let linkTarget = InlineStyle(rawValue: 32)
}

/// A run of text in one inline style.
public struct InlineRun: Equatable, Sendable {
    public var text: String
    public var style: InlineStyle

    public init(_ text: String, _ style: InlineStyle = []) {
        self.text = text
        self.style = style
    }
}

/// Inline Markdown: **bold**, *italic* and _italic_, ~~strike~~, `code`, [text](url).
///
/// Delimiters pair by a simple rule — an opener is followed by a non-space, a closer
/// preceded by one — rather than CommonMark's punctuation-flanking rules, which leave
/// `**重要。**后文` as literal asterisks. An unmatched delimiter stays as text, so a
/// reply cut mid-emphasis shows what it has.
public enum MarkdownInline {
    public static func parse(_ text: String) -> [InlineRun] {
        // Most paragraphs have no marks at all: they are one plain run.
        if !text.utf8.contains(where: markBytes.contains) { return text.isEmpty ? [] : [InlineRun(text)] }
        var runs: [InlineRun] = []
        parse(Array(text), style: [], into: &runs)
        return merged(runs)
    }

    /// Bytes that can start something inline: an escape, code, emphasis, a link.
    private static let markBytes: Set<UInt8> = Set("\\`*_~[".utf8)

    private static func parse(_ characters: [Character], style: InlineStyle, into runs: inout [InlineRun]) {
        var plain = ""
        var index = 0
        func flush() {
            if !plain.isEmpty { runs.append(InlineRun(plain, style)) }
            plain = ""
        }
        while index < characters.count {
            let character = characters[index]
            if character == "\\", index + 1 < characters.count, "\\`*_~[]()#".contains(characters[index + 1]) {
                plain.append(characters[index + 1])
                index += 2
                continue
            }
            if character == "`", let close = find(["`"], in: characters, from: index + 1), close > index + 1 {
                flush()
                runs.append(InlineRun(String(characters[(index + 1)..<close]), style.union(.code)))
                index = close + 1
                continue
            }
            if character == "[", let (label, target, end) = link(characters, at: index) {
                flush()
                parse(label, style: style.union(.link), into: &runs)
                runs.append(InlineRun(" <" + target + ">", style.union(.linkTarget)))
                index = end
                continue
            }
            if let (delimiter, added) = emphasis(characters, at: index),
               opens(characters, at: index + delimiter.count),
               let close = closing(delimiter, in: characters, from: index + delimiter.count) {
                flush()
                parse(Array(characters[(index + delimiter.count)..<close]), style: style.union(added), into: &runs)
                index = close + delimiter.count
                continue
            }
            plain.append(character)
            index += 1
        }
        flush()
    }

    private static func emphasis(_ characters: [Character], at index: Int) -> ([Character], InlineStyle)? {
        let rest = characters[index...]
        if rest.starts(with: ["*", "*"]) || rest.starts(with: ["_", "_"]) { return (Array(rest.prefix(2)), .bold) }
        if rest.starts(with: ["~", "~"]) { return (["~", "~"], .strike) }
        if let first = rest.first, first == "*" || first == "_" {
            // An underscore inside a word (snake_case) is not emphasis.
            if first == "_", index > 0, characters[index - 1].isLetter || characters[index - 1].isNumber { return nil }
            return ([first], .italic)
        }
        return nil
    }

    private static func opens(_ characters: [Character], at index: Int) -> Bool {
        index < characters.count && !characters[index].isWhitespace
    }

    /// The closing delimiter: preceded by a non-space, and (for a single `*`/`_`) not
    /// part of a longer run.
    private static func closing(_ delimiter: [Character], in characters: [Character], from start: Int) -> Int? {
        var index = start + 1
        while index + delimiter.count <= characters.count {
            if characters[index] == "`", let close = find(["`"], in: characters, from: index + 1) {
                index = close + 1
                continue
            }
            if Array(characters[index..<(index + delimiter.count)]) == delimiter, !characters[index - 1].isWhitespace {
                let next = index + delimiter.count
                let isLonger = delimiter.count == 1 && next < characters.count && characters[next] == delimiter[0]
                if !isLonger {
                    if delimiter == ["_"], next < characters.count, characters[next].isLetter { index += 1; continue }
                    // In a longer run (`***` closing `**` and `*`), the outer delimiter
                    // closes at the run's end.
                    var end = index
                    while end + delimiter.count < characters.count, characters[end + delimiter.count] == delimiter[0] {
                        end += 1
                    }
                    return end
                }
                index += 2
                continue
            }
            index += 1
        }
        return nil
    }

    private static func find(_ target: [Character], in characters: [Character], from start: Int) -> Int? {
        var index = start
        while index + target.count <= characters.count {
            if Array(characters[index..<(index + target.count)]) == target { return index }
            index += 1
        }
        return nil
    }

    /// `[label](target)` at `index`: the label, the target, and the index after it.
    private static func link(_ characters: [Character], at index: Int) -> ([Character], String, Int)? {
        guard let closeLabel = find(["]"], in: characters, from: index + 1),
              closeLabel + 1 < characters.count, characters[closeLabel + 1] == "(",
              let closeTarget = find([")"], in: characters, from: closeLabel + 2) else { return nil }
        let target = String(characters[(closeLabel + 2)..<closeTarget])
        guard !target.isEmpty, !target.contains(" ") else { return nil }
        return (Array(characters[(index + 1)..<closeLabel]), target, closeTarget + 1)
    }

    private static func merged(_ runs: [InlineRun]) -> [InlineRun] {
        var result: [InlineRun] = []
        for run in runs where !run.text.isEmpty {
            if let last = result.last, last.style == run.style { result[result.count - 1].text += run.text }
            else { result.append(run) }
        }
        return result
    }
}
