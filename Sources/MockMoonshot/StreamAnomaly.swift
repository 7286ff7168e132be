/// Something wrong a scenario puts into a streamed reply after `afterTokens` content
/// tokens, to see how a client copes (docs/reliability.md lists the cases).
public struct StreamAnomaly: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable {
        /// One event whose data is not JSON; the reply goes on after it.
        case malformedJSON
        /// One content chunk carrying bytes that are not UTF-8; the reply goes on.
        case invalidUTF8
        /// An in-stream `{"error": …}` event, then the connection closes.
        case streamError
        /// One content chunk of `bytes` bytes on a single line; the reply goes on.
        case hugeLine
        /// A `data:` line that never ends, written until the client hangs up.
        case endlessLine
        /// Nothing more is written, and the connection stays open.
        case stall
    }

    public var kind: Kind
    public var afterTokens: Int
    /// For `hugeLine`: the size of the line.
    public var bytes: Int?
    /// For `malformedJSON`: what the broken event says (a client may quote it).
    public var text: String?

    public init(_ kind: Kind, afterTokens: Int, bytes: Int? = nil, text: String? = nil) {
        self.kind = kind
        self.afterTokens = afterTokens
        self.bytes = bytes
        self.text = text
    }
}
