import ChatDomain

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

    public init(baseURL: String = ChatServiceConfiguration.defaultBaseURL, apiKey: String) {
        self.baseURL = baseURL
        self.apiKey = apiKey
    }

    var endpointBase: String {
        var base = baseURL
        while base.hasSuffix("/") { base.removeLast() }
        return base
    }
}
