/// A byte-fed Server-Sent Events parser with no I/O of its own.
///
/// Bytes may arrive in chunks split anywhere: inside a UTF-8 character, between
/// CR and LF, inside a field name. Lines end with LF, CR or CRLF; lines that begin
/// with `:` are comments; several `data:` lines make one multi-line event; a blank
/// line dispatches the event. Text is decoded per complete line, so a split
/// character is never broken.
public struct ServerSentEventParser: Sendable {
    /// Largest line or event the parser holds before it gives up, in bytes.
    public let limit: Int

    private var line: [UInt8] = []
    private var skipLeadingLineFeed = false
    private var data: [UInt8] = []
    private var hasData = false
    private var eventName: String?
    private var lastEventID: String?
    /// Bytes of a leading UTF-8 byte-order mark matched so far; nil once past the start.
    private var byteOrderMarkMatched: Int? = 0
    private static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    public init(limit: Int = 8 << 20) {
        self.limit = limit
        line.reserveCapacity(256)
    }

    /// Feeds the next chunk of the body and returns the events it completed.
    public mutating func feed<Bytes: Sequence>(_ bytes: Bytes) throws(ServerSentEventError) -> [ServerSentEvent]
    where Bytes.Element == UInt8 {
        try feedBytes(bytes)
    }

    /// The same for raw memory. A generic call from another module is not specialised,
    /// and then every byte goes through protocol witnesses (the hottest code in a
    /// profile of a fast stream); this one is specialised here.
    public mutating func feed(_ bytes: UnsafeRawBufferPointer) throws(ServerSentEventError) -> [ServerSentEvent] {
        try feedBytes(bytes)
    }

    private mutating func feedBytes<Bytes: Sequence>(_ bytes: Bytes) throws(ServerSentEventError) -> [ServerSentEvent]
    where Bytes.Element == UInt8 {
        var events: [ServerSentEvent] = []
        for byte in bytes {
            if let matched = byteOrderMarkMatched {
                // The spec says one leading BOM is skipped; it may arrive split across chunks.
                if byte == Self.byteOrderMark[matched] {
                    byteOrderMarkMatched = matched + 1 == Self.byteOrderMark.count ? nil : matched + 1
                    continue
                }
                byteOrderMarkMatched = nil
                line.append(contentsOf: Self.byteOrderMark[..<matched])
            }
            if skipLeadingLineFeed {
                skipLeadingLineFeed = false
                if byte == UInt8(ascii: "\n") { continue }
            }
            switch byte {
            case UInt8(ascii: "\n"):
                if let event = try processLine() { events.append(event) }
            case UInt8(ascii: "\r"):
                skipLeadingLineFeed = true
                if let event = try processLine() { events.append(event) }
            default:
                guard line.count < limit else { throw .tooLarge(limit: limit) }
                line.append(byte)
            }
        }
        return events
    }

    /// Ends the stream. A pending event without its closing blank line is dropped,
    /// as the SSE specification says.
    public mutating func finish() -> Bool {
        let hadPartial = !line.isEmpty || hasData
        line.removeAll(keepingCapacity: true)
        data.removeAll(keepingCapacity: true)
        hasData = false
        return hadPartial
    }

    private mutating func processLine() throws(ServerSentEventError) -> ServerSentEvent? {
        defer { line.removeAll(keepingCapacity: true) }
        if line.isEmpty { return dispatch() }
        if line[0] == UInt8(ascii: ":") { return nil }

        let colon = line.firstIndex(of: UInt8(ascii: ":"))
        let fieldEnd = colon ?? line.endIndex
        var valueStart = colon.map { line.index(after: $0) } ?? line.endIndex
        if valueStart < line.endIndex, line[valueStart] == UInt8(ascii: " ") {
            valueStart = line.index(after: valueStart)
        }
        let field = line[..<fieldEnd]
        let value = line[valueStart...]

        if field.elementsEqual("data".utf8) {
            if hasData { data.append(UInt8(ascii: "\n")) }
            guard data.count + value.count <= limit else { throw .tooLarge(limit: limit) }
            data.append(contentsOf: value)
            hasData = true
        } else if field.elementsEqual("event".utf8) {
            eventName = String(decoding: value, as: UTF8.self)
        } else if field.elementsEqual("id".utf8) {
            lastEventID = String(decoding: value, as: UTF8.self)
        }
        // `retry` and unknown fields are ignored: we never reconnect a chat stream.
        return nil
    }

    private mutating func dispatch() -> ServerSentEvent? {
        defer {
            data.removeAll(keepingCapacity: true)
            hasData = false
            eventName = nil
        }
        guard hasData else { return nil }
        return ServerSentEvent(event: eventName, data: String(decoding: data, as: UTF8.self), id: lastEventID)
    }
}
