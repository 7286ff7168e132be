import Foundation
import NIOCore
import NIOHTTP1

/// Writes one streamed reply chunk by chunk, at the scenario's pace, and stops
/// when the client goes away.
final class StreamWriter {
    /// What happens after the last piece.
    private enum Ending {
        /// `end` of the HTTP response: a complete stream.
        case complete
        /// The connection closes with no finish and no [DONE].
        case close
        /// Nothing more, with the connection left open.
        case stall
        /// An unending `data:` line.
        case endless
    }

    private var pieces: [ByteBuffer] = []
    private var next = 0
    private let pace: TimeAmount
    /// Chunks written per turn: many when unpaced or at a high steady rate.
    private let batch: Int
    private let ending: Ending
    private let state: MockServerState
    private(set) var isFinished = false
    private var isCancelled = false
    private var isWritingEndlessLine = false

    init(script: ReplyScript, scenario: MockScenario, state: MockServerState) {
        self.state = state
        if let rate = scenario.tokensPerSecond, rate > 0 {
            // Below 200 a second, one token per turn at the rate's own interval; above,
            // a turn every 5 ms with as many tokens as the rate needs.
            pace = rate < 200 ? .microseconds(Int64(1_000_000 / rate)) : .milliseconds(5)
            batch = max(1, rate / 200)
        } else {
            pace = .milliseconds(Int64(max(0, scenario.paceMilliseconds)))
            // Unpaced: write in batches so a long reply neither sits in one giant buffer
            // nor costs a flush per token.
            batch = scenario.paceMilliseconds <= 0 ? 64 : 1
        }
        var texts = [script.firstChunk]
        texts += script.reasoningTokens.map(script.reasoningChunk)
        if !script.reasoningTokens.isEmpty { texts.append(script.reasoningChunk("")) }
        let contentStart = texts.count
        texts += script.contentTokens.map(script.contentChunk)
        texts += script.toolCallChunks
        pieces = texts.map { ByteBuffer(string: $0) }

        var ending = Ending.complete
        if let cut = scenario.cutAfterTokens {
            pieces.removeSubrange(min(pieces.count, contentStart + cut)...)
            ending = .close
        }
        if let anomaly = scenario.anomaly {
            let position = min(pieces.count, contentStart + anomaly.afterTokens)
            switch anomaly.kind {
            case .malformedJSON, .invalidUTF8, .hugeLine:
                pieces.insert(Self.piece(for: anomaly, script: script), at: position)
            case .streamError:
                pieces.removeSubrange(position...)
                pieces.append(Self.piece(for: anomaly, script: script))
                ending = .close
            case .stall, .endlessLine:
                pieces.removeSubrange(position...)
                ending = anomaly.kind == .stall ? .stall : .endless
            }
        }
        if ending == .complete {
            pieces.append(ByteBuffer(string: script.finishChunk))
            if script.includeTrailingUsage { pieces.append(ByteBuffer(string: script.trailingUsageChunk)) }
            pieces.append(ByteBuffer(string: ReplyScript.done))
        }
        self.ending = ending
    }

    private static func piece(for anomaly: StreamAnomaly, script: ReplyScript) -> ByteBuffer {
        switch anomaly.kind {
        case .malformedJSON:
            return ByteBuffer(string: "data: {\"content\":\"\(anomaly.text ?? "lost")\n\n")
        case .invalidUTF8:
            // A lone 0xFF, 0xFE and a lead byte with no continuation, inside the JSON string.
            let parts = script.contentChunk("bad[BYTES]bytes ").components(separatedBy: "[BYTES]")
            var buffer = ByteBuffer(string: parts[0])
            buffer.writeBytes([0xFF, 0xFE, 0xC3])
            buffer.writeString(parts[1])
            return buffer
        case .hugeLine:
            return ByteBuffer(string: script.contentChunk(String(repeating: "长", count: max(1, (anomaly.bytes ?? 1 << 20) / 3))))
        case .streamError:
            return ByteBuffer(string: "data: {\"error\":{\"message\":\"The engine is currently overloaded, please try "
                + "again later\",\"type\":\"engine_overloaded_error\"}}\n\n")
        case .stall, .endlessLine:
            return ByteBuffer()
        }
    }

    private var lastPieceWritten: EventLoopFuture<Void>?

    /// Paused because the client is not reading; resumed by `channelWritabilityChanged`.
    private var isWaitingForWritability = false

    func cancel() { isCancelled = true }

    func writabilityChanged(context: ChannelHandlerContext, handler: MockRequestHandler) {
        guard isWaitingForWritability, context.channel.isWritable else { return }
        isWaitingForWritability = false
        writeMore(context: context, handler: handler)
    }

    func start(context: ChannelHandlerContext, handler: MockRequestHandler) {
        writeMore(context: context, handler: handler)
    }

    private func writeMore(context: ChannelHandlerContext, handler: MockRequestHandler) {
        guard !isCancelled else { return }
        if isWritingEndlessLine {
            context.writeAndFlush(NIOAny(HTTPServerResponsePart.body(.byteBuffer(Self.endlessPiece))), promise: nil)
        } else {
            var written = 0
            while written < batch, next < pieces.count {
                // A cut waits for its last piece to be written: on HTTP/2 closing the stream
                // channel drops writes still queued in it, which no real server's cut does.
                let isLastBeforeCut = ending == .close && next == pieces.count - 1
                let promise = isLastBeforeCut ? context.eventLoop.makePromise(of: Void.self) : nil
                if let promise { lastPieceWritten = promise.futureResult }
                context.write(NIOAny(HTTPServerResponsePart.body(.byteBuffer(pieces[next]))), promise: promise)
                next += 1
                written += 1
            }
            context.flush()
        }

        if next >= pieces.count, !isWritingEndlessLine {
            switch ending {
            case .complete:
                finish(handler)
                state.recordCompletedStream()
                context.writeAndFlush(NIOAny(HTTPServerResponsePart.end(nil)), promise: nil)
                return
            case .close:
                finish(handler)
                if let lastPieceWritten {
                    lastPieceWritten.assumeIsolated().whenComplete { _ in context.close(promise: nil) }
                } else {
                    context.close(promise: nil)
                }
                return
            case .stall:
                // Still "streaming" as far as the client can tell; it must time out.
                return
            case .endless:
                isWritingEndlessLine = true
                context.writeAndFlush(NIOAny(HTTPServerResponsePart.body(.byteBuffer(ByteBuffer(string: "data: ")))),
                                      promise: nil)
            }
        }
        let loop = context.eventLoop.assumeIsolated()
        if !context.channel.isWritable {
            // A client that does not read must not make the mock buffer the whole reply.
            isWaitingForWritability = true
            return
        }
        if pace == .zero || isWritingEndlessLine {
            loop.execute { self.writeMore(context: context, handler: handler) }
        } else {
            loop.scheduleTask(in: pace) { self.writeMore(context: context, handler: handler) }
        }
    }

    private func finish(_ handler: MockRequestHandler) {
        isFinished = true
        handler.streamFinished()
    }

    private static let endlessPiece = ByteBuffer(repeating: UInt8(ascii: "x"), count: 64 << 10)
}
