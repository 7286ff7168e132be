/// What went wrong with a chat request, as a value with a message a person can act on.
public enum ChatError: Error, Sendable, Equatable {
    /// The server answered with an HTTP error and (usually) Moonshot's error JSON.
    case http(status: Int, type: String?, message: String)
    /// No connection could be made (refused, DNS, TLS, timeout before the response head).
    case connection(String)
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

    /// A one-paragraph explanation for the transcript, the status bar or stderr.
    public var userMessage: String {
        switch self {
        case let .http(status, type, message):
            let detail = type.map { "\(status) \($0)" } ?? "\(status)"
            switch status {
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
                return "Your account's balance or quota is exhausted (\(detail)): \(message)"
            case 429:
                return "Rate limited (\(detail)): \(message). Wait a moment and try again."
            case 500...599:
                return "The server failed (\(detail)): \(message)"
            default:
                return "The request was refused (\(detail)): \(message)"
            }
        case let .connection(reason):
            return "Could not reach the API: \(reason)"
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
        }
    }

    public static let missingKeyHelp =
        "No API key is set. Export MOONSHOT_API_KEY=sk-… (create one at platform.kimi.ai) and start "
        + "kimichat again, or run `kimichat --demo` to try it against the built-in offline server."
}
