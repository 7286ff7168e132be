import Foundation

/// A hand-made ChatGPT `conversations.json`, in the export's own shape (importer tests).
public enum ChatGPTFixture {
    /// One node of a `mapping`.
    public static func node(_ id: String, _ role: String?, _ parts: String = "[]", parent: String?, children: [String],
                     time: Double? = nil, extra: String = "", contentType: String = "text") -> String {
        let message = role.map { role in
            """
            {"id":"\(id)","author":{"role":"\(role)","name":null,"metadata":{}},"create_time":\(time.map { "\($0)" } ?? "null"),\
            "content":{"content_type":"\(contentType)","parts":\(parts)},"status":"finished_successfully",\
            "metadata":{\(extra)},"recipient":"all"}
            """
        } ?? "null"
        let parentText = parent.map { "\"\($0)\"" } ?? "null"
        let childList = children.map { "\"\($0)\"" }.joined(separator: ",")
        return "\"\(id)\":{\"id\":\"\(id)\",\"message\":\(message),\"parent\":\(parentText),\"children\":[\(childList)]}"
    }

    /// Branches, a hidden system node, an empty answer, a tool node, an image, CJK text.
    /// The question "Say it in French" was edited into "Say it in 日本語" (shown); the
    /// empty answer's child hangs from the question; `current_node` is the tool node.
    public static let branched = """
        {"title":"Branches 分支","create_time":1700000000.5,"update_time":1700000300.25,"mapping":{\
        \(node("root", nil, parent: nil, children: ["sys"])),\
        \(node("sys", "system", #"[""]"#, parent: "root", children: ["u1"], extra: #""is_visually_hidden_from_conversation":true"#)),\
        \(node("u1", "user", #"["What is 你好世界?"]"#, parent: "sys", children: ["a1"], time: 1700000100)),\
        \(node("a1", "assistant", #"["It means \"hello world\"."]"#, parent: "u1", children: ["u2", "u2b"], time: 1700000101,
               extra: #""model_slug":"gpt-4o""#)),\
        \(node("u2", "user", #"["Say it in French",{"content_type":"image_asset_pointer","asset_pointer":"file-service://x"}]"#,
               parent: "a1", children: ["a2"], time: 1700000200, contentType: "multimodal_text")),\
        \(node("a2", "assistant", #"["Bonjour le monde"]"#, parent: "u2", children: [], time: 1700000201)),\
        \(node("u2b", "user", #"["Say it in 日本語"]"#, parent: "a1", children: ["e1"], time: 1700000300)),\
        \(node("e1", "assistant", #"[""]"#, parent: "u2b", children: ["a3"], time: 1700000301)),\
        \(node("a3", "assistant", #"["こんにちは世界"]"#, parent: "e1", children: ["t1"], time: 1700000302,
               extra: #""model_slug":"gpt-4o-mini""#)),\
        \(node("t1", "tool", #"["search results"]"#, parent: "a3", children: [], time: 1700000303))\
        },"current_node":"t1","id":"conv-a"}
        """

    /// No `id` but a `conversation_id`, no title, no current node.
    public static let untitled = """
        {"title":null,"create_time":1700001000,"update_time":null,"mapping":{\
        \(node("r", nil, parent: nil, children: ["q"])),\
        \(node("q", "user", #"["第一个问题是什么"]"#, parent: "r", children: ["a"], time: 1700001001)),\
        \(node("a", "assistant", #"["这是答案"]"#, parent: "q", children: [], time: 1700001002))\
        },"current_node":null,"conversation_id":"conv-b"}
        """

    /// A conversation whose mapping is not a set of nodes.
    public static let malformed = #"{"title":"Broken","mapping":"nope","id":"conv-c"}"#

    /// Only a hidden system message.
    public static let empty = """
        {"title":"Nothing","create_time":1700002000,"mapping":{\
        \(node("s", "system", #"["You are ChatGPT"]"#, parent: nil, children: []))},"id":"conv-d"}
        """

    public static func export(_ conversations: [String]) -> String {
        "[" + conversations.joined(separator: ",\n") + "]\n"
    }

    public static var all: String { export([branched, malformed, untitled, empty]) }
}
