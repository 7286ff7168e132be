/// What went wrong with a chat request, as a value with a message a person can act on.
public enum ChatError: Error, Sendable, Equatable {
    /// The server answered with an HTTP error and (usually) Moonshot's error JSON.
    case http(status: Int, type: String?, message: String)
    /// No connection could be made (refused, DNS, TLS, timeout before the response head).
    case connection(String)
    /// An HTTP error whose body was a web page (a gateway's or proxy's), not the API's JSON.
    /// `summary` is already in words: "the server answered 502 Bad Gateway" and the page's title.
    case gatewayPage(status: Int, summary: String)
    /// The server's certificate did not verify: never retried, never bypassed.
    case untrustedServer(String)
    /// The proxy refused to carry the request (not retried: asking again gets the same answer).
    case proxyRefused(String)
    /// The stream ended or broke before the reply was complete.
    case interrupted(String)
    /// The stream carried data we could not understand.
    case malformedStream(String)
    /// The request could not be built (bad base URL and the like).
    case invalidRequest(String)
    /// No API key is configured.
    case missingKey
    /// The message could not be saved, so it was not sent.
    case notSaved(String)
    /// Every try failed; `last` is how the last one did.
    indirect case gaveUp(attempts: Int, last: ChatError)

    /// A one-paragraph explanation for the transcript, the status bar or stderr.
    public var userMessage: String {
        switch self {
        case let .http(status, type, message):
            let detail = type.map { "\(status) \($0)" } ?? "\(status)"
            switch status {
            case 400 where type == "content_filter":
                return "The request was rejected by the content filter (\(detail)): \(message)"
            case 400 where isContextOverflow:
                return "The conversation is too long for the model's context window (\(detail)): \(message)"
            case 200:
                return "The server reported an error in the middle of the reply (\(type ?? "error")): \(message)"
            case 401:
                return "The API key was rejected (\(detail)): \(message). Check MOONSHOT_API_KEY; "
                    + "keys from api.moonshot.cn do not work on api.moonshot.ai and vice versa."
            case 403:
                return "Permission denied (\(detail)): \(message)"
            case 404:
                return "Not found (\(detail)): \(message). Check the model name (--model) and the base URL."
            case 429 where type == "exceeded_current_quota_error":
                return "Your account's balance or quota is exhausted (\(detail)): \(message). "
                    + "Top up or check the plan at platform.kimi.ai; trying again will not help until then."
            case 429:
                return "Rate limited (\(detail)): \(message). Wait a moment and try again."
            case 500...599:
                return "The server failed (\(detail)): \(message)"
            default:
                return "The request was refused (\(detail)): \(message)"
            }
        case let .connection(reason):
            return "Could not reach the API: \(reason)"
        case let .gatewayPage(_, summary):
            return "The API could not be reached through the gateway in front of it: \(summary)"
        case let .untrustedServer(reason):
            return "Not connected, for safety: \(reason)"
        case let .proxyRefused(reason):
            return "The proxy did not let the request through: \(reason)"
        case let .interrupted(reason):
            return "The reply was cut off: \(reason). What arrived is kept."
        case let .malformedStream(reason):
            return "The server sent data kimichat could not read: \(reason)"
        case let .invalidRequest(reason):
            return "The request could not be made: \(reason)"
        case .missingKey:
            return ChatError.missingKeyHelp
        case let .notSaved(reason):
            return "Your message could not be saved, so it was not sent (it stays here): \(reason)"
        case let .gaveUp(attempts, last):
            return last.userMessage + " (kimichat tried \(attempts) times and gave up.)"
        }
    }

    /// The request (history plus question) is larger than the model's context window.
    public var isContextOverflow: Bool {
        switch self {
        case let .http(400, _, message):
            let lowered = message.lowercased()
            return lowered.contains("exceeded model token limit") || lowered.contains("input token length too long")
        case let .gaveUp(_, last):
            return last.isContextOverflow
        default:
            return false
        }
    }

    /// The account's balance or token quota is spent (429 `exceeded_current_quota_error`).
    public var isQuotaExhausted: Bool {
        switch self {
        case let .http(_, type, _): return type == "exceeded_current_quota_error"
        case let .gaveUp(_, last): return last.isQuotaExhausted
        default: return false
        }
    }

    public static let missingKeyHelp =
        "No API key is set. Export MOONSHOT_API_KEY=sk-… (create one at platform.kimi.ai) and start "
        + "kimichat again, or run `kimichat --demo` to try it against the built-in offline server."
}

extension ChatError {
    /// A few words for the status bar while a retry waits.
    public var shortReason: String {
        switch self {
        case let .http(status, type, _):
            if type == "engine_overloaded_error" { return "the server is overloaded" }
            if status == 429 { return "rate limited" }
            if status == 200 { return "error in the stream" }
            return "server error \(status)"
        case .connection: return "no connection"
        case let .gatewayPage(status, _): return "gateway error \(status)"
        case .untrustedServer: return "certificate not trusted"
        case .proxyRefused: return "refused by the proxy"
        case .interrupted: return "the stream broke"
        case .malformedStream: return "unreadable data"
        case .invalidRequest: return "bad request"
        case .missingKey: return "no API key"
        case .notSaved: return "not saved"
        case let .gaveUp(_, last): return last.shortReason
        }
    }

}
