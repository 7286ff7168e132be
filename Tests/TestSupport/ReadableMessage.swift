/// What a user-facing message must never contain: a library's type name, a source
/// location, an error number. Used by tests of every failure path.
public enum ReadableMessage {
    /// The pieces of `message` that look like program internals (empty when it reads well).
    public static func problems(in message: String) -> [String] {
        var found: [String] = []
        let markers = ["NIO", "BoringSSL", "HTTPClientError", "StreamClosed", "HTTP2ErrorCode", "handshakeFailed",
                       "sslError", "errno", "Errno", ".swift:", "location:", "streamID", "0x", "IOError",
                       "ChannelError", "Optional(", "Error("]
        found += markers.filter { message.contains($0) }
        found += errorNumbers(in: message)
        // CamelCase identifiers such as `remoteConnectionClosed` or `StreamClosed`.
        for word in message.split(whereSeparator: { !$0.isLetter }) {
            let letters = Array(word)
            guard letters.count > 3 else { continue }
            let innerCapital = letters.dropFirst().contains { $0.isUppercase }
            let innerLower = letters.contains { $0.isLowercase }
            if innerCapital && innerLower && !allowedWords.contains(String(word)) { found.append(String(word)) }
        }
        return found
    }

    /// "error 13", "code: -2", "SQLite error 8": a number only a program can read. HTTP
    /// statuses ("server error 500", "answered 502") are words people know.
    static func errorNumbers(in message: String) -> [String] {
        guard let pattern = try? Regex("(?i)\\b(error|code|errno)\\s*[:=#(]?\\s*(-?[0-9]+)") else { return [] }
        return message.matches(of: pattern).compactMap { match -> String? in
            let text = String(message[match.range])
            let digits = text.drop { !$0.isNumber && $0 != "-" }
            if let number = Int(digits), (100...599).contains(number) { return nil }
            return text
        }
    }

    /// Mixed-case words our messages may use.
    static let allowedWords: Set<String> = ["MiB", "KiB", "GiB", "ChatGPT"]
}
