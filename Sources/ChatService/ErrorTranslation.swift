import AsyncHTTPClient
import ChatDomain
import NIOCore
import ServerSentEvents

/// Turns what AsyncHTTPClient and NIO throw into `ChatError`s a person can read.
enum ErrorTranslation {
    static func httpFailure(status: Int, reason: String, body: String) -> ChatError {
        if let decoded = KimiChunkDecoder.decodeErrorBody(body) {
            return .http(status: status, type: decoded.type, message: decoded.message)
        }
        let text = body.trimmingCharactersInSet()
        let message = text.isEmpty ? reason : String(text.prefix(300))
        return .http(status: status, type: nil, message: message)
    }

    /// An error before the response head arrived.
    static func beforeResponse(_ error: any Error, host: String, timeout: Int64) -> ChatError {
        if let chatError = error as? ChatError { return chatError }
        if let client = error as? HTTPClientError {
            if client == .connectTimeout { return .connection("connecting to \(host) timed out") }
            if client == .deadlineExceeded { return .connection("no response from \(host) within \(timeout) s") }
            if client == .readTimeout { return .connection("no response from \(host) (read timeout)") }
            if client == .remoteConnectionClosed {
                return .connection("\(host) closed the connection before answering")
            }
            if client == .invalidURL || client == .emptyHost || client == .emptyScheme
                || String(describing: client).contains("unsupportedScheme") {
                return .invalidRequest("the base URL is not a usable http(s) URL (\(client))")
            }
        }
        let text = String(describing: error)
        if text.contains("connection refused") || text.contains("Connection refused") || text.contains("ECONNREFUSED") {
            return .connection("connection refused by \(host) — is the address right and the server up?")
        }
        if text.lowercased().contains("resolve") || text.contains("NXDOMAIN") || text.contains("getaddrinfo") {
            return .connection("could not resolve \(host)")
        }
        if let client = error as? HTTPClientError {
            // Its description can quote header values, the Authorization header among them.
            return .invalidRequest("the HTTP client refused the request (\(client.shortDescription))")
        }
        return .connection("\(host): \(text)")
    }

    /// An error while the body was streaming. (Silence is `IdleWatch`'s to report:
    /// the client has no read timeout.)
    static func duringStream(_ error: any Error) -> ChatError {
        if let chatError = error as? ChatError { return chatError }
        return .interrupted("the connection broke (\(String(describing: error)))")
    }
}

extension String {
    func trimmingCharactersInSet() -> String {
        var text = Substring(self)
        while let first = text.first, first.isWhitespace { text.removeFirst() }
        while let last = text.last, last.isWhitespace { text.removeLast() }
        return String(text)
    }
}
