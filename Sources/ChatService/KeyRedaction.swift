import Foundation
import ChatDomain

/// Keeps the API key out of every message a person or the log file sees.
enum KeyRedaction {
    /// The key as it may appear: `sk-…abcd`.
    static func masked(_ key: String) -> String {
        key.count <= 8 ? "…" : String(key.prefix(3)) + "…" + String(key.suffix(4))
    }

    static func redact(_ text: String, key: String) -> String {
        guard key.count >= 4, text.contains(key) else { return text }
        return text.replacingOccurrences(of: key, with: masked(key))
    }

    static func redact(_ error: ChatError, key: String) -> ChatError {
        switch error {
        case let .http(status, type, message): return .http(status: status, type: type, message: redact(message, key: key))
        case let .connection(reason): return .connection(redact(reason, key: key))
        case let .interrupted(reason): return .interrupted(redact(reason, key: key))
        case let .malformedStream(reason): return .malformedStream(redact(reason, key: key))
        case let .invalidRequest(reason): return .invalidRequest(redact(reason, key: key))
        case let .gaveUp(attempts, last): return .gaveUp(attempts: attempts, last: redact(last, key: key))
        case let .gatewayPage(status, summary): return .gatewayPage(status: status, summary: redact(summary, key: key))
        case let .untrustedServer(reason): return .untrustedServer(redact(reason, key: key))
        case let .proxyRefused(reason): return .proxyRefused(redact(reason, key: key))
        case .missingKey, .notSaved: return error
        }
    }
}
