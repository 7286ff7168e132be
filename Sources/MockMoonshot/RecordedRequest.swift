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

    /// The chat messages of the body as (role, content) pairs.
    public var messages: [(role: String, content: String)] {
        guard let list = json?["messages"] as? [[String: Any]] else { return [] }
        return list.map { (($0["role"] as? String) ?? "", ($0["content"] as? String) ?? "") }
    }

    /// One line of the JSON-lines request log.
    var logLine: String {
        let isJSON = (try? JSONSerialization.jsonObject(with: Data(body.utf8))) != nil
        return "{\"method\":\(JSONText.quoted(method)),\"path\":\(JSONText.quoted(path)),\"body\":"
            + (isJSON ? body : JSONText.quoted(body)) + "}"
    }
}
