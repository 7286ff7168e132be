/// The rows a filtered overlay (the model picker, the conversation list) gives its
/// entries: the header above them (title, filter, rule) and the footer of key hints
/// below take the rest. The reducer pages by it and the views draw by it.
public enum OverlayPage {
    public static let headerRows = 3
    public static let footerRows = 1

    public static func entryRows(overlayRows: Int) -> Int { max(1, overlayRows - headerRows - footerRows) }
}
