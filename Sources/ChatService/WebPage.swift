import Foundation

/// Reading just enough of an HTML error page (a gateway's or a proxy's) to name it in
/// one line, so that raw markup never reaches the screen.
enum WebPage {
    static func looksLikeHTML(_ text: String) -> Bool {
        let head = text.prefix(512).lowercased()
        return head.hasPrefix("<") && (head.contains("<html") || head.contains("<!doctype html")
            || head.contains("<head") || head.contains("<body") || head.contains("<title"))
    }

    /// The page's `<title>`, whitespace collapsed, at most 100 characters; nil when absent.
    static func title(of html: String) -> String? {
        let lowered = html.lowercased()
        guard let open = lowered.range(of: "<title"),
              let openEnd = lowered[open.upperBound...].firstIndex(of: ">"),
              let close = lowered[openEnd...].range(of: "</title>") else { return nil }
        let start = html.index(after: openEnd)
        let raw = html[start..<close.lowerBound]
        let words = raw.split(whereSeparator: { $0.isWhitespace || $0.isNewline })
        let title = words.joined(separator: " ")
            .replacingEntities()
            .unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F && !(0x80...0x9F).contains($0.value) }
        let text = String(String.UnicodeScalarView(title))
        guard !text.isEmpty else { return nil }
        return text.count > 100 ? String(text.prefix(99)) + "…" : text
    }
}

private extension String {
    func replacingEntities() -> String {
        var text = self
        for (entity, character) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&nbsp;", " "),
                                    ("&amp;", "&")] {
            text = text.replacingOccurrences(of: entity, with: character)
        }
        return text
    }
}
