/// Titles for new conversations, made from their first user message.
public enum ConversationTitle {
    public static let maximumLength = 60
    public static let untitled = "New conversation"

    /// The first non-blank line of `message`, with runs of spaces collapsed, cut to
    /// `maximumLength` characters with an ellipsis.
    public static func derived(from message: String) -> String {
        let firstLine = message.split(whereSeparator: \.isNewline)
            .first { !$0.allSatisfy(\.isWhitespace) } ?? ""
        let words = firstLine.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        guard !words.isEmpty else { return untitled }
        guard words.count > maximumLength else { return words }
        return String(words.prefix(maximumLength - 1)).trimmingTrailingSpaces() + "…"
    }
}

private extension String {
    func trimmingTrailingSpaces() -> String {
        var result = self
        while result.last?.isWhitespace == true { result.removeLast() }
        return result
    }
}
