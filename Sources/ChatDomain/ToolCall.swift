import Foundation

/// A function the model asked for in a reply (`tool_calls`).
public struct ToolCall: Sendable, Equatable, Codable {
    public var id: String
    public var name: String
    /// The arguments as the model wrote them: a JSON string, kept byte for byte because
    /// `$web_search` wants them back unchanged.
    public var arguments: String

    public init(id: String, name: String, arguments: String) {
        self.id = id
        self.name = name
        self.arguments = arguments
    }
}

/// One step of a reply that searched: the assistant turn that asked for the search and
/// the answers kimichat gave back. Kept on the reply, and sent again before its answer
/// in later turns, as the API requires (moonshot-api.md §5.6).
public struct SearchRound: Sendable, Equatable, Codable {
    /// What the model wrote before asking, usually nothing.
    public var text: String
    public var reasoning: String
    public var calls: [ToolCall]

    public init(text: String = "", reasoning: String = "", calls: [ToolCall]) {
        self.text = text
        self.reasoning = reasoning
        self.calls = calls
    }

    /// The turns it stands for: the assistant's call, then one `tool` turn per call whose
    /// content is the call's arguments, unchanged.
    public var turns: [ChatTurn] {
        var assistant = ChatTurn(role: .assistant, content: text, reasoning: reasoning.isEmpty ? nil : reasoning)
        assistant.toolCalls = calls
        return [assistant] + calls.map { call in
            var tool = ChatTurn(role: .tool, content: call.arguments)
            tool.toolCallID = call.id
            tool.name = call.name
            return tool
        }
    }
}

/// Kimi's built-in web search (moonshot-api.md §5.6, §9.1).
public enum WebSearch {
    public static let toolName = "$web_search"
    /// Searches in one reply before kimichat stops asking: a model that keeps searching
    /// is looping, and every search costs.
    public static let roundLimit = 5

    /// The size of the results the search will add, from the arguments' `usage.total_tokens`.
    public static func resultTokens(inArguments arguments: String) -> Int? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(arguments.utf8)) as? [String: Any],
              let usage = object["usage"] as? [String: Any] else { return nil }
        return (usage["total_tokens"] as? NSNumber)?.intValue
    }

    /// The search's query, if the arguments name one.
    public static func query(inArguments arguments: String) -> String? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(arguments.utf8)) as? [String: Any]
        else { return nil }
        return (object["query"] as? String) ?? (object["search_query"] as? String)
    }
}

/// A piece of a tool call as it streams: the id and name come once, the arguments in
/// fragments, all tied together by `index`.
public struct ToolCallFragment: Sendable, Equatable {
    public var index: Int
    public var id: String?
    public var name: String?
    public var arguments: String

    public init(index: Int, id: String? = nil, name: String? = nil, arguments: String = "") {
        self.index = index
        self.id = id
        self.name = name
        self.arguments = arguments
    }
}

/// Tool calls put together from their streamed fragments, in the order of their index.
public struct ToolCallAssembly: Sendable, Equatable {
    private var parts: [Int: ToolCall] = [:]

    public init() {}

    public var isEmpty: Bool { parts.isEmpty }

    public mutating func add(_ fragment: ToolCallFragment) {
        var call = parts[fragment.index] ?? ToolCall(id: "", name: "", arguments: "")
        if let id = fragment.id, !id.isEmpty { call.id = id }
        if let name = fragment.name, !name.isEmpty { call.name = name }
        call.arguments += fragment.arguments
        parts[fragment.index] = call
    }

    public var calls: [ToolCall] {
        parts.keys.sorted().compactMap { parts[$0] }
    }
}
