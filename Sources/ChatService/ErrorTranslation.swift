import AsyncHTTPClient
import ChatDomain
import Foundation
import NIOCore
import NIOHTTP2
import NIOPosix
import NIOSSL
import ServerSentEvents

/// Turns what AsyncHTTPClient, NIO, BoringSSL and HTTP/2 throw into `ChatError`s a person
/// can read and act on. No message names a type, a source location or an error number:
/// the caller logs the original error for the detail.
struct ErrorTranslation: Sendable {
    /// The API's host name, as the user wrote it in the base URL.
    let host: String
    let proxy: ProxyServer?
    /// The base URL's scheme as AsyncHTTPClient reads it, which it quotes when it refuses one.
    let scheme: String?

    init(host: String, proxy: ProxyServer?, scheme: String?) {
        self.host = host
        self.proxy = proxy
        self.scheme = scheme
    }

    init(_ configuration: ChatServiceConfiguration) {
        self.init(host: configuration.host, proxy: configuration.proxy,
                  scheme: URL(string: configuration.endpointBase)?.scheme)
    }

    // MARK: - HTTP answers that are errors

    static func httpFailure(status: Int, reason: String, body: String) -> ChatError {
        if let decoded = KimiChunkDecoder.decodeErrorBody(body) {
            return .http(status: status, type: decoded.type, message: decoded.message)
        }
        let text = body.trimmingCharactersInSet()
        if WebPage.looksLikeHTML(text) {
            var summary = "the server answered \(status) \(reason)"
            if let title = WebPage.title(of: text), title.lowercased() != "\(status) \(reason)".lowercased() {
                summary += " (“\(title)”)"
            }
            return .gatewayPage(status: status, summary: summary)
        }
        let message = text.isEmpty ? reason : String(text.prefix(300))
        return .http(status: status, type: nil, message: message)
    }

    // MARK: - Failures before the response head

    /// An error before the response head arrived.
    func beforeResponse(_ error: any Error, timeout: Int64) -> ChatError {
        if let chatError = error as? ChatError { return chatError }
        if let client = error as? HTTPClientError, let translated = translate(client, timeout: timeout) {
            return translated
        }
        if let tls = tlsFailure(error) { return tls }
        if let connection = error as? NIOConnectionError { return connectionFailure(connection) }
        if let io = error as? IOError { return connectionFailure(causes: [.errno(io.errnoCode)]) }
        if let channel = error as? ChannelError { return .connection("\(peer): \(Self.words(for: channel))") }
        if let stream = error as? NIOHTTP2Errors.StreamClosed {
            return .connection("\(host) \(Self.words(for: stream.errorCode)) before answering")
        }
        if error is any NIOHTTP2Error { return .connection("the HTTP/2 connection to \(host) failed before it answered") }
        if proxy?.kind == .socks5 {
            return .connection("the SOCKS proxy at \(proxySummary) did not connect kimichat to \(host)")
        }
        return .connection("the connection to \(host) failed before it answered")
    }

    private func translate(_ client: HTTPClientError, timeout: Int64) -> ChatError? {
        switch client {
        case .connectTimeout:
            return .connection("connecting to \(peer) timed out")
        case .deadlineExceeded:
            return .connection("no response from \(host) within \(timeout) s")
        case .readTimeout:
            return .connection("no response from \(host) (read timeout)")
        case .remoteConnectionClosed:
            return .connection("\(host) closed the connection before answering")
        case .tlsHandshakeTimeout:
            return .connection("the secure connection to \(host) was not set up in time")
        case .invalidProxyResponse:
            return .proxyRefused("the proxy at \(proxySummary) could not open a tunnel to \(host): it refused, "
                + "or could not reach \(host) itself. Check the proxy setting (and NO_PROXY for hosts that "
                + "need no proxy), and that \(host) is reachable from the proxy")
        case .proxyAuthenticationRequired:
            return .proxyRefused("the proxy at \(proxySummary) asks for a user name and password: write them "
                + "into the proxy URL (http://user:password@host:port)")
        case .httpProxyHandshakeTimeout, .socksHandshakeTimeout:
            return .connection("the proxy at \(proxySummary) did not answer in time")
        case .invalidURL, .emptyHost, .emptyScheme:
            return .invalidRequest("the base URL is not a usable http(s) URL — check base_url, "
                + "MOONSHOT_BASE_URL or --base-url")
        case .cancelled:
            return .connection("the request was cancelled")
        default:
            // `unsupportedScheme` carries the scheme it refused, and the URL sent has the
            // base URL's: compared whole, as a value.
            if let scheme, client == .unsupportedScheme(scheme) {
                return .invalidRequest("the base URL is not a usable http(s) URL — check base_url, "
                    + "MOONSHOT_BASE_URL or --base-url")
            }
            return nil
        }
    }

    private func connectionFailure(_ error: NIOConnectionError) -> ChatError {
        if error.connectionErrors.isEmpty {
            if let proxy {
                return .connection("cannot find the proxy host \(proxy.host) (from \(proxy.source)) — check "
                    + "the network or the proxy setting")
            }
            return .connection("cannot find \(host) — check the network or base_url")
        }
        return connectionFailure(causes: error.connectionErrors.map { ConnectCause($0.error) })
    }

    /// Why one address could not be connected to, kept as the types said it.
    private enum ConnectCause {
        case errno(CInt)
        case channel(ChannelError)
        case unknown

        init(_ error: any Error) {
            if let io = error as? IOError {
                self = .errno(io.errnoCode)
            } else if let channel = error as? ChannelError {
                self = .channel(channel)
            } else {
                self = .unknown
            }
        }

        /// Words for the cause; nil when the types say nothing more than that it failed.
        var words: String? {
            switch self {
            case let .errno(code): return ErrorTranslation.specificWords(forErrno: code)
            case let .channel(channel): return ErrorTranslation.specificWords(for: channel)
            case .unknown: return nil
            }
        }
    }

    /// The first cause that says something decides the message; a refusal gets its own.
    private func connectionFailure(causes: [ConnectCause]) -> ChatError {
        let cause = causes.first { $0.words != nil }
        if case .errno(ECONNREFUSED) = cause {
            if let proxy {
                return .connection("cannot connect to the proxy at \(proxy.address) (from \(proxy.source)): "
                    + "connection refused — is the proxy running?")
            }
            return .connection("connection refused by \(host) — is the address right and the server up?")
        }
        return .connection("cannot connect to \(peer): \(cause?.words ?? Self.unspecificWords)")
    }

    /// TLS failures: a certificate that does not verify is never retried and says how to
    /// trust a private CA; a server that does not speak TLS says so.
    private func tlsFailure(_ error: any Error) -> ChatError? {
        let fix = "If your network uses a private or corporate certificate authority, add its certificate "
            + "with ca_file = \"/path/to/ca.pem\" under [network] in config.toml, or SSL_CERT_FILE=/path/to/ca.pem. "
            + "kimichat never connects without verifying."
        if let extra = error as? NIOSSLExtraError {
            if extra == .failedToValidateHostname || extra == .serverHostnameImpossibleToMatch {
                return .untrustedServer("the certificate \(host) presented is for another name. \(fix)")
            }
            return .connection("the secure connection to \(host) could not be set up")
        }
        guard let ssl = error as? NIOSSLError else { return nil }
        switch ssl {
        case let .handshakeFailed(boring):
            // The reasons are names read from BoringSSL's error stack: NIOSSL has no typed
            // field for them (see `BoringSSLReason`).
            let reasons = BoringSSLReason.reasons(of: boring)
            if reasons.contains(BoringSSLReason.certificateVerifyFailed) {
                return .untrustedServer("the certificate of \(host) could not be verified (it is not signed "
                    + "by an authority this machine trusts, or it has expired). \(fix)")
            }
            if reasons.contains(where: BoringSSLReason.notTLS.contains) {
                return .connection("\(host) does not speak TLS on that port — should the base URL start "
                    + "with http:// instead of https://?")
            }
            return .connection("the secure connection to \(host) could not be set up (the server and kimichat "
                + "agree on no TLS version or cipher)")
        case .uncleanShutdown:
            return .connection("\(host) closed the secure connection abruptly")
        default:
            return .connection("the secure connection to \(host) could not be set up")
        }
    }

    // MARK: - Failures mid-stream

    /// An error while the body was streaming. (Silence is the idle watchdog's to report:
    /// the client has no read timeout.)
    func duringStream(_ error: any Error) -> ChatError {
        if let chatError = error as? ChatError { return chatError }
        if let stream = error as? NIOHTTP2Errors.StreamClosed {
            return .interrupted("\(host) \(Self.words(for: stream.errorCode)) in the middle of the reply")
        }
        if let io = error as? IOError {
            return .interrupted("the connection to \(host) broke (\(Self.words(forErrno: io.errnoCode)))")
        }
        if let ssl = error as? NIOSSLError, ssl == .uncleanShutdown {
            return .interrupted("\(host) closed the secure connection in the middle of the reply")
        }
        if let client = error as? HTTPClientError, client == .remoteConnectionClosed {
            return .interrupted("\(host) closed the connection in the middle of the reply")
        }
        return .interrupted("the connection to \(host) broke")
    }

    // MARK: - Words

    private var peer: String {
        proxy == nil ? host : "the proxy at \(proxySummary)"
    }

    private var proxySummary: String {
        proxy.map { "\($0.address) (from \($0.source))" } ?? "?"
    }

    static func words(for code: HTTP2ErrorCode) -> String {
        switch code {
        case .noError: return "closed the stream"
        case .cancel: return "cancelled the stream"
        case .refusedStream: return "refused the stream (it is busy)"
        case .enhanceYourCalm: return "asked kimichat to slow down and closed the stream"
        case .internalError: return "reset the stream after an internal error"
        case .protocolError: return "reset the stream (an HTTP/2 protocol error)"
        default: return "reset the stream"
        }
    }

    static let unspecificWords = "the connection failed"

    static func words(forErrno code: CInt) -> String {
        specificWords(forErrno: code) ?? unspecificWords
    }

    static func words(for error: ChannelError) -> String {
        specificWords(for: error) ?? unspecificWords
    }

    static func specificWords(forErrno code: CInt) -> String? {
        switch code {
        case ECONNREFUSED: return "connection refused"
        case ECONNRESET: return "the connection was reset"
        case ETIMEDOUT: return "the connection timed out"
        case EHOSTUNREACH: return "the host is unreachable"
        case ENETUNREACH: return "the network is unreachable"
        case EPIPE: return "the connection was closed by the other side"
        case ECONNABORTED: return "the connection was aborted"
        case EADDRNOTAVAIL: return "the address is not available"
        default: return nil
        }
    }

    static func specificWords(for error: ChannelError) -> String? {
        switch error {
        case .connectTimeout: return "the connection timed out"
        case .eof, .ioOnClosedChannel, .alreadyClosed, .outputClosed, .inputClosed:
            return "the connection was closed"
        default: return nil
        }
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
