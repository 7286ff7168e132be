import AsyncHTTPClient
import ChatDomain
import Logging
import NIOCore
import ServerSentEvents

/// Reads one reply body, streamed or whole, into `StreamEvent`s. Every failure comes
/// out as an `AttemptFailure` (or `CancellationError`).
struct ReplyStreamReader: Sendable {
    let idleTimeout: Int64
    let apiKey: String
    let translation: ErrorTranslation
    let logger: Logger

    private func translated(_ error: any Error) -> ChatError {
        if !(error is ChatError) {
            logger.warning("the reply broke: \(KeyRedaction.redact(String(describing: error), key: apiKey))")
        }
        return translation.duringStream(error)
    }

    /// The whole body of a `stream: false` reply.
    func collect(_ body: HTTPClientResponse.Body, upTo limit: Int) async throws -> ByteBuffer {
        try await IdleWatch.run(seconds: idleTimeout) { progress in
            var collected = ByteBuffer()
            do {
                for try await var buffer in body {
                    progress.bytesArrived()
                    guard collected.readableBytes + buffer.readableBytes <= limit else {
                        throw ChatError.malformedStream("the reply is larger than \(limit / (1 << 20)) MiB")
                    }
                    collected.writeBuffer(&buffer)
                }
            } catch let error as ChatError {
                throw AttemptFailure(error: error)
            } catch {
                try Task.checkCancellation()
                throw AttemptFailure(error: translated(error))
            }
            return collected
        }
    }

    /// A streamed reply, event by event.
    func stream(_ body: HTTPClientResponse.Body, yield: @escaping @Sendable (StreamEvent) -> Void) async throws {
        try await IdleWatch.run(seconds: idleTimeout) { progress in
            try await readEvents(body, progress: progress, yield: yield)
        }
    }

    private func readEvents(_ body: HTTPClientResponse.Body, progress: ReadProgress,
                            yield: @Sendable (StreamEvent) -> Void) async throws {
        var parser = ServerSentEventParser()
        let decoder = KimiChunkDecoder()
        var sawFinish = false
        var firstUnreadable: String?
        do {
            for try await buffer in body {
                progress.bytesArrived()
                let fed = buffer.withUnsafeReadableBytes { bytes in
                    Result { () throws(ServerSentEventError) in try parser.feed(bytes) }
                }
                let events: [ServerSentEvent]
                switch fed {
                case let .success(completed): events = completed
                case let .failure(error):
                    throw ChatError.malformedStream("a line of the stream exceeded \(error.limitDescription) "
                        + "without an end, so kimichat stopped reading it")
                }
                for event in events {
                    let decoded: [StreamEvent]
                    switch Result(catching: { () throws(ChatError) in try decoder.decode(event.data) }) {
                    case let .success(events):
                        decoded = events
                    case let .failure(error):
                        guard case let .malformedStream(raw) = error else { throw error }
                        // One unreadable event costs that event, not the reply. Its preview
                        // quotes the server, which could quote the key.
                        let reason = KeyRedaction.redact(raw, key: apiKey)
                        logger.warning("skipped an unreadable event: \(reason)")
                        if firstUnreadable == nil { firstUnreadable = reason }
                        yield(.unreadable(reason))
                        continue
                    }
                    for streamEvent in decoded {
                        switch streamEvent {
                        case .content, .reasoning: progress.tokenArrived()
                        case .finished: sawFinish = true
                        case .done: yield(streamEvent); return
                        case .usage, .retrying, .unreadable: break
                        }
                        yield(streamEvent)
                    }
                }
            }
        } catch let error as ChatError {
            throw AttemptFailure(error: error, afterFirstToken: progress.sawToken)
        } catch {
            try Task.checkCancellation()
            // A stream with nothing readable in it would not read better a second time.
            if !progress.sawToken, let firstUnreadable { throw AttemptFailure(error: .malformedStream(firstUnreadable)) }
            throw AttemptFailure(error: translated(error),
                                 afterFirstToken: progress.sawToken)
        }
        if !progress.sawToken && !sawFinish {
            if let firstUnreadable { throw AttemptFailure(error: .malformedStream(firstUnreadable)) }
            // Nothing arrived, so trying again cannot duplicate anything.
            throw AttemptFailure(error: .interrupted("the connection closed before the reply started"))
        }
    }
}

extension ServerSentEventError {
    var limitDescription: String {
        switch self {
        case let .tooLarge(limit): return "\(limit / (1 << 20)) MiB"
        }
    }
}
