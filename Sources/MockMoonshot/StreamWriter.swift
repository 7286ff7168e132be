import NIOCore
import NIOHTTP1

/// Writes one streamed reply chunk by chunk, at the scenario's pace, and stops
/// when the client goes away.
final class StreamWriter {
    private var pieces: [String] = []
    private var next = 0
    private let pace: TimeAmount
    /// Chunks written per turn: many when unpaced or at a high steady rate.
    private let batch: Int
    private let cutAfterPiece: Int?
    private let state: MockServerState
    private(set) var isFinished = false
    private var isCancelled = false

    init(script: ReplyScript, scenario: MockScenario, state: MockServerState) {
        self.state = state
        if let rate = scenario.tokensPerSecond, rate > 0 {
            pace = .milliseconds(5)
            batch = max(1, rate / 200)
        } else {
            pace = .milliseconds(Int64(max(0, scenario.paceMilliseconds)))
            // Unpaced: write in batches so a long reply neither sits in one giant buffer
            // nor costs a flush per token.
            batch = scenario.paceMilliseconds <= 0 ? 64 : 1
        }
        pieces.append(script.firstChunk)
        pieces += script.reasoningTokens.map(script.reasoningChunk)
        if !script.reasoningTokens.isEmpty { pieces.append(script.reasoningChunk("")) }
        pieces += script.contentTokens.map(script.contentChunk)
        if let cut = scenario.cutAfterTokens {
            cutAfterPiece = min(pieces.count, 1 + script.reasoningTokens.count + (script.reasoningTokens.isEmpty ? 0 : 1) + cut)
        } else {
            cutAfterPiece = nil
            pieces.append(script.finishChunk)
            if script.includeTrailingUsage { pieces.append(script.trailingUsageChunk) }
            pieces.append(ReplyScript.done)
        }
    }

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
        var written = 0
        while written < batch, next < (cutAfterPiece ?? pieces.count) {
            context.write(NIOAny(HTTPServerResponsePart.body(.byteBuffer(ByteBuffer(string: pieces[next])))),
                          promise: nil)
            next += 1
            written += 1
        }
        context.flush()

        if next >= (cutAfterPiece ?? pieces.count) {
            isFinished = true
            handler.streamFinished()
            if cutAfterPiece != nil {
                context.close(promise: nil)
            } else {
                state.recordCompletedStream()
                context.writeAndFlush(NIOAny(HTTPServerResponsePart.end(nil)), promise: nil)
            }
            return
        }
        let loop = context.eventLoop.assumeIsolated()
        if !context.channel.isWritable {
            // A client that does not read must not make the mock buffer the whole reply.
            isWaitingForWritability = true
            return
        }
        if pace == .zero {
            loop.execute { self.writeMore(context: context, handler: handler) }
        } else {
            loop.scheduleTask(in: pace) { self.writeMore(context: context, handler: handler) }
        }
    }
}
