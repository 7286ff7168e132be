/// Wraps text to a width in terminal columns.
///
/// Latin text breaks at spaces, CJK text between any two characters (but not
/// before closing punctuation such as ，。」), over-long words break hard, tabs
/// expand to the next multiple of four columns. A grapheme cluster never splits
/// and no line is ever wider than `width`.
public enum TextWrapper {
    public static let tabWidth = 4

    /// Wraps every paragraph (split on `\n`) of `text`; an empty paragraph is an empty line.
    public static func wrap(_ text: String, width: Int) -> [String] {
        let width = max(1, width)
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            wrapParagraph(paragraph, width: width, into: &lines)
        }
        return lines
    }

    /// Wraps one paragraph (no newlines) and appends its lines.
    public static func wrapParagraph(_ paragraph: Substring, width: Int, into lines: inout [String]) {
        if paragraph.isEmpty {
            lines.append("")
            return
        }
        if width >= 1, ASCIIWrapper.accepts(paragraph) {
            if paragraph.utf8.count <= width {
                lines.append(String(paragraph))
            } else {
                ASCIIWrapper.wrap(paragraph, width: width, into: &lines)
            }
            return
        }
        wrapClusters(paragraph, width: width, into: &lines)
    }

    /// The general case: grapheme clusters of any width.
    static func wrapClusters(_ paragraph: Substring, width: Int, into lines: inout [String]) {
        var line = LineBuilder()
        for character in paragraph {
            if character == "\t" {
                let spaces = tabWidth - line.width % tabWidth
                for _ in 0..<spaces { place(" ", columns: 1, width: width, line: &line, lines: &lines) }
                continue
            }
            place(character, columns: DisplayWidth.of(character), width: width, line: &line, lines: &lines)
        }
        lines.append(line.text)
    }

    private static func place(_ character: Character, columns: Int, width: Int,
                              line: inout LineBuilder, lines: inout [String]) {
        let columns = min(columns, width)
        if line.width + columns > width {
            if character == " " {
                lines.append(line.trimmedText)
                line = LineBuilder()
                return
            }
            // Break right here when allowed, else at the last opportunity, unless that
            // would leave only indentation behind.
            if line.canBreak(before: character), !line.trimmedText.isEmpty {
                lines.append(line.trimmedText)
                line = LineBuilder()
            } else if let breakIndex = line.lastBreak, case let (head, tail) = line.split(at: breakIndex),
               !head.trimmedText.isEmpty {
                lines.append(head.trimmedText)
                line = tail
            } else {
                lines.append(line.text)
                line = LineBuilder()
            }
            if line.width + columns > width {
                lines.append(line.text)
                line = LineBuilder()
            }
        }
        line.append(character, columns: columns)
    }

    static func isClosingPunctuation(_ character: Character) -> Bool {
        "，。、；：！？）」』】》〉”’．,.;:!?)]}".contains(character)
    }

    static func isWide(_ character: Character) -> Bool {
        DisplayWidth.of(character) >= 2
    }
}

/// The line being filled, with where it may break.
struct LineBuilder {
    private(set) var characters: [Character] = []
    private(set) var columns: [Int] = []
    private(set) var width = 0
    /// Index into `characters` before which the line may break.
    private(set) var lastBreak: Int?

    var count: Int { characters.count }
    var text: String { String(characters) }
    var trimmedText: String {
        var end = characters.count
        while end > 0, characters[end - 1] == " " { end -= 1 }
        return String(characters[..<end])
    }

    /// Whether the line may end before `character`: after a space, or next to a wide
    /// (CJK) character unless `character` is closing punctuation.
    func canBreak(before character: Character) -> Bool {
        guard let previous = characters.last, character != " " else { return false }
        if previous == " " { return true }
        return (TextWrapper.isWide(character) || TextWrapper.isWide(previous))
            && !TextWrapper.isClosingPunctuation(character)
    }

    mutating func append(_ character: Character, columns width: Int) {
        if canBreak(before: character) { lastBreak = characters.count }
        characters.append(character)
        columns.append(width)
        self.width += width
    }

    func split(at index: Int) -> (LineBuilder, LineBuilder) {
        var head = LineBuilder()
        var tail = LineBuilder()
        for position in characters.indices {
            if position < index {
                head.append(characters[position], columns: columns[position])
            } else {
                tail.append(characters[position], columns: columns[position])
            }
        }
        return (head, tail)
    }
}
