/// Why a file could not be imported, in words that say what was expected.
public enum ImportError: Error, Sendable, Equatable, CustomStringConvertible {
    case missing(path: String)
    case unreadable(path: String, reason: String)
    /// Read, but it is none of the formats kimichat imports; `found` says what it is.
    case notAnExport(path: String, found: String)
    case zipWithoutConversations(path: String)
    case damagedZip(path: String, reason: String)
    /// The export ends in the middle: `complete` conversations came before the cut.
    case truncated(path: String, complete: Int)
    /// Bytes that are not JSON where the array's next element or its end should be.
    case malformed(path: String, offset: Int64, complete: Int)
    case noSessions(path: String)

    static let expected = "Expected ChatGPT's conversations.json (a JSON array of conversations, each with a "
        + "\"mapping\" of messages), the .zip of ChatGPT's data export that holds it, or kimi-cli's sessions: "
        + "a context.jsonl, a session folder, or its sessions folder (~/.kimi/sessions)."

    public var description: String {
        switch self {
        case let .missing(path):
            return "There is no file or folder at \(path). " + Self.expected
        case let .unreadable(path, reason):
            return "Could not read \(path): \(reason)."
        case let .notAnExport(path, found):
            return "\(path) is not an export kimichat can import: \(found). " + Self.expected
        case let .zipWithoutConversations(path):
            return "\(path) is a zip file without conversations.json in it. Expected the .zip of ChatGPT's data "
                + "export (Settings → Data controls → Export data), which holds conversations.json."
        case let .damagedZip(path, reason):
            return "\(path) is a damaged zip file (\(reason)). Download ChatGPT's export again, or unzip it "
                + "and import its conversations.json."
        case let .truncated(path, complete):
            return "\(path) ends in the middle of conversation \(complete + 1): the file is cut short "
                + "(an unfinished download or copy?). Get the whole export and import it again; what was "
                + "already imported is not added twice."
        case let .malformed(path, offset, complete):
            return "\(path) is not valid JSON at byte \(offset), after conversation \(complete). Get the export "
                + "again and import it; what was already imported is not added twice."
        case let .noSessions(path):
            return "\(path) is a folder without kimi-cli sessions in it (no context.jsonl). " + Self.expected
        }
    }
}
