extension DisplayWidth {
    /// `text` in at most `columns` display columns: whole when it fits, else cut at a
    /// character boundary and ended with "…" (a wide character never split).
    public static func truncated(_ text: String, to columns: Int) -> String {
        guard columns > 0 else { return "" }
        guard of(text) > columns else { return text }
        var kept = ""
        var used = 0
        for character in text {
            let width = of(character)
            if used + width > columns - 1 { break }
            kept.append(character)
            used += width
        }
        return kept + "…"
    }
}
