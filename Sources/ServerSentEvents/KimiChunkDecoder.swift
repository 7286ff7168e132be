import ChatDomain
import Foundation

/// Turns the `data` of each SSE event of a Kimi stream into `StreamEvent`s.
public struct KimiChunkDecoder: Sendable {
    /// One decoder for the whole reply: making one per event was a measurable share of
    /// a streamed delta's cost.
    private let json = JSONDecoder()

    public init() {}

    /// Decodes one event's data. `[DONE]` becomes `.done`; an in-stream
    /// `{"error": …}` object becomes a thrown `ChatError.http` with status 200.
    public func decode(_ data: String) throws(ChatError) -> [StreamEvent] {
        if data == "[DONE]" { return [.done] }
        // An event with empty data is a keep-alive some proxies send.
        if data.allSatisfy(\.isWhitespace) { return [] }
        let chunk: ChunkWire
        do {
            chunk = try json.decode(ChunkWire.self, from: Data(data.utf8))
        } catch {
            throw .malformedStream("an event's data is not valid JSON (\(Self.preview(data)))")
        }
        if let error = chunk.error {
            throw .http(status: 200, type: error.type, message: error.message ?? "unknown error in the stream")
        }

        var events: [StreamEvent] = []
        var choiceUsage: Usage?
        if let choice = chunk.choices?.first {
            let delta = choice.delta ?? choice.message
            if let reasoning = delta?.reasoningContent, !reasoning.isEmpty { events.append(.reasoning(reasoning)) }
            if let content = delta?.content, !content.isEmpty { events.append(.content(content)) }
            for (position, call) in (delta?.toolCalls ?? []).enumerated() {
                events.append(.toolCall(ToolCallFragment(index: call.index ?? position, id: call.id,
                                                         name: call.function?.name,
                                                         arguments: call.function?.arguments ?? "")))
            }
            choiceUsage = choice.usage.map(Self.usage)
            if let usage = choiceUsage { events.append(.usage(usage)) }
            if let reason = choice.finishReason { events.append(.finished(FinishReason(wireValue: reason))) }
        }
        // Moonshot puts usage inside choices[0]; with include_usage a trailing chunk
        // repeats it at the top level. Report the top-level one unless it is a repeat.
        if let wire = chunk.usage {
            let usage = Self.usage(wire)
            if usage != choiceUsage { events.append(.usage(usage)) }
        }
        return events
    }

    /// Decodes Moonshot's error body, if the text is one.
    public static func decodeErrorBody(_ text: String) -> (type: String?, message: String)? {
        guard let body = try? JSONDecoder().decode(ErrorBodyWire.self, from: Data(text.utf8)) else { return nil }
        return (body.error.type, body.error.message ?? "no message")
    }

    static func usage(_ wire: UsageWire) -> Usage {
        let prompt = wire.promptTokens ?? 0
        let completion = wire.completionTokens ?? 0
        return Usage(
            promptTokens: prompt,
            completionTokens: completion,
            totalTokens: wire.totalTokens ?? prompt + completion,
            cachedTokens: wire.cachedTokens ?? wire.promptTokensDetails?.cachedTokens,
            reasoningTokens: wire.completionTokensDetails?.reasoningTokens
        )
    }

    static func preview(_ text: String) -> String {
        text.count > 60 ? String(text.prefix(60)) + "…" : text
    }
}
