import Foundation

/// A request the mock received, kept so tests can check what the client sent.
public struct RecordedRequest: Sendable, Equatable {
    public var method: String
    public var path: String
    public var authorization: String?
    public var body: String
    /// 1 or 2: the HTTP version the request came in on (2 only over TLS, by ALPN).
    public var httpVersion = 1

    /// The body parsed as a JSON object, when it is one.
    public var json: [String: Any]? {
        (try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: Any]
    }

    /// The chat messages of the body as (role, content) pairs; content given as parts
    /// counts its text parts.
    public var messages: [(role: String, content: String)] {
        guard let list = json?["messages"] as? [[String: Any]] else { return [] }
        return list.map { (($0["role"] as? String) ?? "", Self.text(of: $0["content"])) }
    }

    /// A message's content as text: a string as it is, the text parts of an array.
    static func text(of content: Any?) -> String {
        if let text = content as? String { return text }
        guard let parts = content as? [[String: Any]] else { return "" }
        return parts.compactMap { $0["type"] as? String == "text" ? $0["text"] as? String : nil }.joined(separator: "\n")
    }

    /// One line of the JSON-lines request log.
    var logLine: String {
        let isJSON = (try? JSONSerialization.jsonObject(with: Data(body.utf8))) != nil
        return "{\"method\":\(JSONText.quoted(method)),\"path\":\(JSONText.quoted(path)),\"body\":"
            + (isJSON ? body : JSONText.quoted(body)) + "}"
    }
}
