import Foundation
/// Streams as Moonshot sends them (moonshot-api.md §2.2), with Chinese text so that
/// splits fall inside multi-byte characters.
enum RecordedStreams {
    static let thinkingReply: String = {
        let lines = [
            #"{"id":"chatcmpl-6a8d","object":"chat.completion.chunk","created":1787685040,"model":"kimi-k2.5","choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]}"#,
            #"{"id":"chatcmpl-6a8d","object":"chat.completion.chunk","created":1787685040,"model":"kimi-k2.5","choices":[{"index":0,"delta":{"reasoning_content":"想一想"},"finish_reason":null}]}"#,
            #"{"id":"chatcmpl-6a8d","object":"chat.completion.chunk","created":1787685040,"model":"kimi-k2.5","choices":[{"index":0,"delta":{"reasoning_content":""},"finish_reason":null}]}"#,
            #"{"id":"chatcmpl-6a8d","object":"chat.completion.chunk","created":1787685040,"model":"kimi-k2.5","choices":[{"index":0,"delta":{"content":"你好，"},"finish_reason":null}]}"#,
            #"{"id":"chatcmpl-6a8d","object":"chat.completion.chunk","created":1787685040,"model":"kimi-k2.5","choices":[{"index":0,"delta":{"content":"1+1=2 😀"},"finish_reason":null}]}"#,
            #"{"id":"chatcmpl-6a8d","object":"chat.completion.chunk","created":1787685040,"model":"kimi-k2.5","choices":[{"index":0,"delta":{},"finish_reason":"stop","usage":{"prompt_tokens":12,"completion_tokens":5,"total_tokens":17,"completion_tokens_details":{"reasoning_tokens":1}}}]}"#,
        ]
        return lines.map { "data: \($0)\n\n" }.joined() + "data: [DONE]\n\n"
    }()

    static let expectedEvents: [String] = {
        thinkingReply.components(separatedBy: "\n\n").filter { !$0.isEmpty }.map { String($0.dropFirst("data: ".count)) }
    }()
}
