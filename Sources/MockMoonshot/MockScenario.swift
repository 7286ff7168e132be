/// How the mock answers one request. Tests and benchmarks queue scenarios; a request
/// with none queued gets the server's default scenario.
public struct MockScenario: Codable, Sendable, Equatable {
    /// An HTTP error to answer with instead of a reply, in Moonshot's error JSON.
    public struct HTTPError: Codable, Sendable, Equatable {
        public var status: Int
        public var type: String
        public var message: String
        public var retryAfterSeconds: Int?

        public init(status: Int, type: String, message: String, retryAfterSeconds: Int? = nil) {
            self.status = status
            self.type = type
            self.message = message
            self.retryAfterSeconds = retryAfterSeconds
        }
    }

    /// The exact reply text; nil makes a reply that quotes the user's message.
    public var reply: String?
    /// Instead of `reply`: this many generated English word tokens.
    public var tokenCount: Int?
    /// Reasoning to stream first; nil gives thinking models a short default.
    public var reasoning: String?
    /// Milliseconds between chunks; 0 writes as fast as the socket takes them.
    public var paceMilliseconds: Int
    /// Instead of `paceMilliseconds`: a steady rate; one chunk at a time below 200 a
    /// second, in batches every 5 ms above (fast rates cannot be paced chunk by chunk).
    public var tokensPerSecond: Int?
    public var httpError: HTTPError?
    /// Close the connection after this many content tokens, with no finish and no [DONE].
    public var cutAfterTokens: Int?
    public var finishReason: String
    /// Milliseconds before the response head is sent (a server slow to answer).
    public var headDelayMilliseconds: Int?
    /// Close the connection as soon as the request has arrived, with no response.
    public var dropConnection: Bool
    /// Answer 200 with this HTML page instead (a captive portal, a base URL that is a website).
    public var webPage: String?
    public var anomaly: StreamAnomaly?
    /// With `$web_search` declared: how many searches the model makes before it answers
    /// (1 when not set; 0 answers at once).
    public var webSearches: Int?
    /// Calls a tool of this name instead of answering (one the client never declared).
    public var toolCall: String?
    /// `kimichat --demo`: a reply that shows what kimichat draws, chosen by a word of the
    /// question (`DemoReplies`), instead of the plain echo tests read.
    public var demoTour = false

    public init(reply: String? = nil, tokenCount: Int? = nil, reasoning: String? = nil, paceMilliseconds: Int = 0,
                tokensPerSecond: Int? = nil, httpError: HTTPError? = nil, cutAfterTokens: Int? = nil,
                finishReason: String = "stop", headDelayMilliseconds: Int? = nil, dropConnection: Bool = false,
                webPage: String? = nil, anomaly: StreamAnomaly? = nil) {
        self.webPage = webPage
        self.headDelayMilliseconds = headDelayMilliseconds
        self.dropConnection = dropConnection
        self.anomaly = anomaly
        self.reply = reply
        self.tokenCount = tokenCount
        self.reasoning = reasoning
        self.paceMilliseconds = paceMilliseconds
        self.tokensPerSecond = tokensPerSecond
        self.httpError = httpError
        self.cutAfterTokens = cutAfterTokens
        self.finishReason = finishReason
    }

    enum CodingKeys: String, CodingKey {
        case reply, tokenCount, reasoning, paceMilliseconds, tokensPerSecond, httpError, cutAfterTokens, finishReason
        case headDelayMilliseconds, dropConnection, webPage, anomaly, webSearches, toolCall
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        reply = try container.decodeIfPresent(String.self, forKey: .reply)
        tokenCount = try container.decodeIfPresent(Int.self, forKey: .tokenCount)
        reasoning = try container.decodeIfPresent(String.self, forKey: .reasoning)
        paceMilliseconds = try container.decodeIfPresent(Int.self, forKey: .paceMilliseconds) ?? 0
        tokensPerSecond = try container.decodeIfPresent(Int.self, forKey: .tokensPerSecond)
        httpError = try container.decodeIfPresent(HTTPError.self, forKey: .httpError)
        cutAfterTokens = try container.decodeIfPresent(Int.self, forKey: .cutAfterTokens)
        finishReason = try container.decodeIfPresent(String.self, forKey: .finishReason) ?? "stop"
        headDelayMilliseconds = try container.decodeIfPresent(Int.self, forKey: .headDelayMilliseconds)
        dropConnection = try container.decodeIfPresent(Bool.self, forKey: .dropConnection) ?? false
        webPage = try container.decodeIfPresent(String.self, forKey: .webPage)
        anomaly = try container.decodeIfPresent(StreamAnomaly.self, forKey: .anomaly)
        webSearches = try container.decodeIfPresent(Int.self, forKey: .webSearches)
        toolCall = try container.decodeIfPresent(String.self, forKey: .toolCall)
    }

    public static let errors: [String: HTTPError] = [
        "401": HTTPError(status: 401, type: "invalid_authentication_error", message: "Invalid Authentication"),
        "404": HTTPError(status: 404, type: "resource_not_found_error",
                         message: "Not found the model kimi-nonexistent or Permission denied"),
        "429": HTTPError(status: 429, type: "rate_limit_reached_error",
                         message: "Your account org-demo<ak-demo> request reached organization max RPM: 3, "
                            + "please try again after 1 seconds", retryAfterSeconds: 1),
        "500": HTTPError(status: 500, type: "server_error", message: "The engine hit an internal error"),
        "403": HTTPError(status: 403, type: "permission_denied_error", message: "The API you are accessing is not open"),
        "quota": HTTPError(status: 429, type: "exceeded_current_quota_error",
                           message: "You exceeded your current token quota: <org-demo> 0, please check your account balance"),
        "overloaded": HTTPError(status: 429, type: "engine_overloaded_error",
                                message: "The engine is currently overloaded, please try again later"),
        "503": HTTPError(status: 503, type: "server_error", message: "Service temporarily unavailable"),
        "overflow": HTTPError(status: 400, type: "invalid_request_error",
                              message: "Invalid request: Your request exceeded model token limit: 262144 (requested: 269030)"),
    ]
}
