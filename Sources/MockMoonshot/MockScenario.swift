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
    /// Instead of `paceMilliseconds`: a steady rate, written in batches every 5 ms
    /// (rates past 1,000 a second cannot be paced one chunk at a time).
    public var tokensPerSecond: Int?
    public var httpError: HTTPError?
    /// Close the connection after this many content tokens, with no finish and no [DONE].
    public var cutAfterTokens: Int?
    public var finishReason: String

    public init(reply: String? = nil, tokenCount: Int? = nil, reasoning: String? = nil, paceMilliseconds: Int = 0,
                tokensPerSecond: Int? = nil, httpError: HTTPError? = nil, cutAfterTokens: Int? = nil,
                finishReason: String = "stop") {
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
    }

    public static let errors: [String: HTTPError] = [
        "401": HTTPError(status: 401, type: "invalid_authentication_error", message: "Invalid Authentication"),
        "404": HTTPError(status: 404, type: "resource_not_found_error",
                         message: "Not found the model kimi-nonexistent or Permission denied"),
        "429": HTTPError(status: 429, type: "rate_limit_reached_error",
                         message: "Your account org-demo<ak-demo> request reached organization max RPM: 3, "
                            + "please try again after 1 seconds", retryAfterSeconds: 1),
        "500": HTTPError(status: 500, type: "server_error", message: "The engine hit an internal error"),
    ]
}
