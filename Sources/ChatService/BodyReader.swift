import AsyncHTTPClient
import ChatDomain
import Logging
import NIOCore
import ServerSentEvents

/// Reads one reply body, streamed or whole, and the clock beside it, reporting both to
/// the reply's lifecycle. Each function returns how the try ended, or nil when it was
/// stopped because something else ended it (the other task, or the caller cancelling).
struct BodyReader: Sendable {
    let lifecycle: SharedLifecycle
    let deliver: @Sendable (StreamEvent) -> Void
    let logger: Logger
    let apiKey: String

    /// A streamed reply: bytes through the SSE parser and the chunk decoder, each event
    /// to the lifecycle as it is read.
    func readEvents(_ body: HTTPClientResponse.Body) async -> ReplyLifecycle.Ending? {
        var parser = ServerSentEventParser()
        let decoder = KimiChunkDecoder()
        do {
            for try await buffer in body {
                if let ending = report(.bytesArrived(count: buffer.readableBytes, at: lifecycle.now)) { return ending }
                let fed = buffer.withUnsafeReadableBytes { bytes in
                    Result { () throws(ServerSentEventError) in try parser.feed(bytes) }
                }
                switch fed {
                case let .success(events):
                    for event in events {
                        let decoded = Result { () throws(ChatError) in try decoder.decode(event.data) }
                        if let ending = report(.decoded(decoded)) { return ending }
                    }
                case let .failure(error):
                    let tooLong = ChatError.malformedStream("a line of the stream exceeded \(error.limitDescription) "
                        + "without an end, so kimichat stopped reading it")
                    return report(.failed(tooLong))
                }
            }
        } catch {
            return failed(error)
        }
        return report(.bodyEnded)
    }

    /// A whole (`stream: false`) reply, read to its end and then decoded.
    func readWhole(_ body: HTTPClientResponse.Body) async -> ReplyLifecycle.Ending? {
        var collected = ByteBuffer()
        do {
            for try await var buffer in body {
                if let ending = report(.bytesArrived(count: buffer.readableBytes, at: lifecycle.now)) { return ending }
                collected.writeBuffer(&buffer)
            }
        } catch {
            return failed(error)
        }
        let text = String(buffer: collected)
        if let ending = report(.decoded(Result { () throws(ChatError) in try KimiCompletion.decode(text).events })) {
            return ending
        }
        return report(.bodyEnded)
    }

    /// The idle watchdog: sleeps until the deadline, then asks the lifecycle, which knows
    /// when bytes last came. Measured here rather than by AsyncHTTPClient's read timeout,
    /// which also runs while the head is awaited and would cut a slow head short of its
    /// own, longer timeout.
    func watchIdle(until firstDeadline: Duration) async -> ReplyLifecycle.Ending? {
        var deadline = firstDeadline
        while true {
            do {
                try await Task.sleep(until: lifecycle.instant(at: deadline), clock: .continuous)
            } catch {
                return nil
            }
            switch lifecycle.receive(.idleDeadlinePassed(at: lifecycle.now)) {
            case let .watchIdle(until: next): deadline = next
            case let .end(ending): return ending
            case .none, .send, .readBody, .readErrorBody, .deliver: return nil
            }
        }
    }

    private func failed(_ error: any Error) -> ReplyLifecycle.Ending? {
        // Stopped, not failed: whoever stopped it knows how the try ended.
        if Task.isCancelled { return nil }
        if !(error is ChatError) {
            logger.warning("the reply broke: \(KeyRedaction.redact(String(describing: error), key: apiKey))")
        }
        return report(.failed(error))
    }

    /// Tells the lifecycle and does what it says: deliver events (and read on), or stop.
    private func report(_ event: ReplyLifecycle.Event) -> ReplyLifecycle.Ending? {
        switch lifecycle.receive(event) {
        case let .deliver(events):
            for event in events {
                if case let .unreadable(reason) = event { logger.warning("skipped an unreadable event: \(reason)") }
                deliver(event)
            }
            return nil
        case let .end(ending):
            return ending
        case .none, .send, .readBody, .readErrorBody, .watchIdle:
            // Read on (only the watchdog is told to watch).
            return nil
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
