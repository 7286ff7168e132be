/// Wraps styled text by display width with the same rules as `TextWrapper` (it does
/// the breaking), then gives each wrapped character back its style.
public enum StyledWrap {
    /// The lines of `runs` (no newlines inside) at `width` columns.
    public static func wrap(_ runs: [InlineRun], width: Int) -> [[InlineRun]] {
        // One style throughout (most paragraphs): each row is one run of it.
        if runs.count == 1, let run = runs.first, !run.text.utf8.contains(UInt8(ascii: "\t")) {
            var wrapped: [String] = []
            TextWrapper.wrapParagraph(Substring(run.text), width: width, into: &wrapped)
            return wrapped.map { $0.isEmpty ? [] : [InlineRun($0, run.style)] }
        }
        var characters: [Character] = []
        var styles: [InlineStyle] = []
        for run in runs {
            for character in run.text {
                // Tabs become spaces first, so that wrapped text maps back character by character.
                if character == "\t" {
                    for _ in 0..<TextWrapper.tabWidth { characters.append(" "); styles.append(run.style) }
                } else {
                    characters.append(character)
                    styles.append(run.style)
                }
            }
        }
        var wrapped: [String] = []
        TextWrapper.wrapParagraph(Substring(String(characters)), width: width, into: &wrapped)

        // The wrapper only ever drops spaces where it breaks: walk both in step.
        var source = 0
        return wrapped.map { line in
            var lineRuns: [InlineRun] = []
            for character in line {
                while source < characters.count, characters[source] != character, characters[source] == " " {
                    source += 1
                }
                let style = source < styles.count ? styles[source] : []
                if let last = lineRuns.last, last.style == style {
                    lineRuns[lineRuns.count - 1].text.append(character)
                } else {
                    lineRuns.append(InlineRun(String(character), style))
                }
                source += 1
            }
            return lineRuns
        }
    }
}
