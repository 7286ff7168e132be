import ChatDomain
import Foundation

/// A whole (non-streamed) reply, decoded from a `chat.completion` body.
public struct KimiCompletion: Sendable, Equatable {
    public var content: String
    public var reasoning: String?
    public var finishReason: FinishReason?
    public var usage: Usage?
    public var toolCalls: [ToolCall] = []

    /// The same reply as the events a stream would have produced.
    public var events: [StreamEvent] {
        var events: [StreamEvent] = []
        if let reasoning, !reasoning.isEmpty { events.append(.reasoning(reasoning)) }
        if !content.isEmpty { events.append(.content(content)) }
        for (index, call) in toolCalls.enumerated() {
            events.append(.toolCall(ToolCallFragment(index: index, id: call.id, name: call.name, arguments: call.arguments)))
        }
        if let usage { events.append(.usage(usage)) }
        if let finishReason { events.append(.finished(finishReason)) }
        events.append(.done)
        return events
    }

    public static func decode(_ body: String) throws(ChatError) -> KimiCompletion {
        let chunk: ChunkWire
        do {
            chunk = try JSONDecoder().decode(ChunkWire.self, from: Data(body.utf8))
        } catch {
            throw .malformedStream("the reply is not valid JSON (\(KimiChunkDecoder.preview(body)))")
        }
        guard let choice = chunk.choices?.first else {
            throw .malformedStream("the reply has no choices")
        }
        let message = choice.message ?? choice.delta
        return KimiCompletion(
            content: message?.content ?? "",
            reasoning: message?.reasoningContent,
            finishReason: choice.finishReason.map(FinishReason.init(wireValue:)),
            usage: (chunk.usage ?? choice.usage).map(KimiChunkDecoder.usage),
            toolCalls: (message?.toolCalls ?? []).map {
                ToolCall(id: $0.id ?? "", name: $0.function?.name ?? "", arguments: $0.function?.arguments ?? "")
            }
        )
    }
}
