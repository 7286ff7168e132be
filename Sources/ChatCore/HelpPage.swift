/// One row of help: a table's heading, a key and what it does, a note, or a gap.
public enum HelpLine: Sendable, Equatable {
    case heading(String)
    case key(KeyHelpEntry)
    case note(String)
    case gap
}

/// The help overlay's rows, a page at a time: how many fit in the rows an overlay has,
/// and the first row scrolling stops at, so that Up after paging past the end moves
/// at once. The view draws with the same numbers.
public enum HelpPage {
    /// The header, the token totals, the balance and the gap under them.
    public static let surroundingRows = 4

    /// Every key table (`KeyTables`), each under its heading: the rows help scrolls through.
    public static let entries: [HelpLine] = entries(with: .standard)

    /// The rows with the chat's keys as `keys` has them; as many as the standard ones
    /// (each action keeps its line, whatever its keys).
    public static func entries(with keys: ChatKeyTable, overlays: OverlayKeyTables = .standard,
                               first titles: [String] = []) -> [HelpLine] {
        let sections = KeyTables.sections(with: keys, overlays: overlays)
        let ordered = titles.compactMap { title in sections.first { $0.title == title } }
            + sections.filter { !titles.contains($0.title) }
        return ordered.enumerated().flatMap { index, section -> [HelpLine] in
            (index == 0 ? [] : [.gap]) + [.heading(section.title)] + section.entries.map(HelpLine.key)
                + (section.note.map { [.note($0)] } ?? [])
        }
    }

    /// Rows of entries on screen when an overlay has `overlayRows` rows.
    public static func shown(overlayRows: Int) -> Int { max(1, overlayRows - surroundingRows) }

    /// The furthest the list scrolls: its last page.
    public static func lastFirstEntry(overlayRows: Int) -> Int {
        max(0, entries.count - shown(overlayRows: overlayRows))
    }
}
