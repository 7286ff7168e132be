import Foundation

/// Reads the mock server's JSON-lines request log (KIMICHAT_MOCK_LOG).
public enum RequestLog {
    /// The chat requests in the log, each as its list of (role, content) messages.
    public static func chatMessages(at path: String) throws -> [[(role: String, content: String)]] {
        try bodies(at: path).compactMap { body in
            (body["messages"] as? [[String: Any]])?.map { (($0["role"] as? String) ?? "", ($0["content"] as? String) ?? "") }
        }
    }
}

extension RequestLog {
    /// The `model` of each chat request in the log, in order.
    public static func models(at path: String) throws -> [String] {
        try bodies(at: path).compactMap { $0["model"] as? String }
    }

    /// Each chat request's JSON body, in order.
    public static func bodies(at path: String) throws -> [[String: Any]] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        return text.split(separator: "\n").compactMap { line in
            guard let entry = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  entry["path"] as? String == "/v1/chat/completions" else { return nil }
            return entry["body"] as? [String: Any]
        }
    }
}
