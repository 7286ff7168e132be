import ChatDomain
import Foundation

/// Where and how the chat service talks to the API.
public struct ChatServiceConfiguration: Sendable {
    public static let defaultBaseURL = "https://api.moonshot.ai/v1"

    /// For example `https://api.moonshot.ai/v1`; `/chat/completions` is appended.
    public var baseURL: String
    public var apiKey: String
    /// Seconds to establish a connection.
    public var connectTimeout: Int64 = 10
    /// Seconds to wait for the response head: thinking models can take a while.
    public var responseHeadTimeout: Int64 = 300
    /// Seconds of silence between two chunks before the stream counts as stalled.
    public var idleTimeout: Int64 = 120
    /// Which failures before the first token are tried again, and how often.
    public var retry = RetryPolicy()
    /// PEM files of certificate authorities trusted besides the system's (`ca_file`,
    /// `SSL_CERT_FILE`): a private or corporate CA. Verification itself is never off.
    public var trustRootFiles: [String] = []
    /// The proxy requests go through, if any (`ProxyChoice` decides).
    public var proxy: ProxyServer?

    public init(baseURL: String = ChatServiceConfiguration.defaultBaseURL, apiKey: String) {
        self.baseURL = baseURL
        self.apiKey = apiKey
    }

    /// The API's host, for messages ("cannot find api.moonshot.ai").
    var host: String { URL(string: endpointBase)?.host ?? baseURL }

    var endpointBase: String {
        var base = baseURL
        while base.hasSuffix("/") { base.removeLast() }
        return base
    }
}
