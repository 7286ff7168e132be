import ServerSentEvents

/// The SSE parser fed the same bytes whole and cut into pieces must give the same
/// events, or the same failure; it must never crash. A small limit makes the
/// "line too large" path reachable.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzServerSentEventParser(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    guard count > 0 else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: start, count: count))
    let cutEvery = Int(bytes[0] % 7) + 1
    let payload = bytes.dropFirst()

    var whole = ServerSentEventParser(limit: 512)
    let wholeResult = Result { () throws(ServerSentEventError) in try whole.feed(payload) }

    var pieces = ServerSentEventParser(limit: 512)
    var pieceEvents: [ServerSentEvent] = []
    var pieceFailure: ServerSentEventError?
    var index = payload.startIndex
    while index < payload.endIndex, pieceFailure == nil {
        let end = min(index + cutEvery, payload.endIndex)
        payload[index..<end].withUnsafeBytes { raw in
            do throws(ServerSentEventError) { pieceEvents += try pieces.feed(raw) } catch { pieceFailure = error }
        }
        index = end
    }

    switch wholeResult {
    case let .success(events):
        if pieceFailure != nil || events != pieceEvents { fatalError("a split changed the events") }
    case .failure:
        if pieceFailure == nil { fatalError("a split avoided the size limit") }
    }
    _ = whole.finish()
    return 0
}
