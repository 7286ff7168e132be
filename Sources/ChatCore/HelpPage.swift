/// The help overlay's keys, a page at a time: how many fit in the rows an overlay has,
/// and the first entry scrolling stops at, so that Up after paging past the end moves
/// at once. The view draws with the same numbers.
public enum HelpPage {
    /// The header, the token totals, the gap under them and the footer.
    public static let surroundingRows = 4

    public static let entries: [KeyHelpEntry] = KeyHelpEntry.entries(KeyMap.bindings)

    /// Entries on screen when an overlay has `overlayRows` rows.
    public static func shown(overlayRows: Int) -> Int { max(1, overlayRows - surroundingRows) }

    /// The furthest the list scrolls: its last page.
    public static func lastFirstEntry(overlayRows: Int) -> Int {
        max(0, entries.count - shown(overlayRows: overlayRows))
    }
}
