import ChatDomain
import ServerSentEvents

/// Any event data, valid JSON or not, decodes to events or to a `ChatError`: never a
/// crash. Decoded text must be exactly what the JSON said (no invented content).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzKimiChunkDecoder(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let data = String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self)
    let decoder = KimiChunkDecoder()
    var calls = ToolCallAssembly()
    do {
        for event in try decoder.decode(data) {
            switch event {
            case let .content(text), let .reasoning(text):
                if text.isEmpty { fatalError("an empty delta was reported") }
            case let .toolCall(fragment):
                // Any index the stream names (negative, huge) is only a key.
                calls.add(fragment)
            case .usage, .finished, .done:
                break
            case .retrying, .unreadable:
                fatalError("the decoder reported what only the service may")
            }
        }
    } catch {
        if error.userMessage.isEmpty { fatalError("an error without a message") }
    }
    _ = calls.calls
    _ = KimiChunkDecoder.decodeErrorBody(data)
    _ = try? KimiCompletion.decode(data)
    return 0
}
