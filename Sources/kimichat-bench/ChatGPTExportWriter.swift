import Foundation
import MockMoonshot

/// Writes a ChatGPT-style `conversations.json` of a given size, the same for the same
/// seed: each conversation a `mapping` tree as ChatGPT exports it — a root node without
/// a message, a hidden system message, questions and answers in English and Chinese with
/// ChatGPT's metadata around them, an edited question or a regenerated answer now and
/// then (branches), the odd tool message and empty answer, and `current_node` at the end
/// of the newest branch. For the import benchmark (issue 15) and any later one.
struct ChatGPTExportWriter {
    /// What was written.
    struct Shape {
        var conversations = 0
        /// Message nodes, of every kind.
        var messages = 0
        /// Those an import keeps: questions and answers with text.
        var visible = 0
        var bytes: Int64 = 0
    }

    /// Writes `conversations` conversations holding `messages` message nodes in all to `path`.
    static func write(to path: String, conversations: Int, messages: Int, seed: UInt64) throws -> Shape {
        guard FileManager.default.createFile(atPath: path, contents: nil),
              let handle = FileHandle(forWritingAtPath: path) else {
            throw BenchError.failed("cannot write \(path)")
        }
        defer { try? handle.close() }
        var writer = ChatGPTExportWriter(seed: seed)
        var shape = Shape()
        var buffer = "["
        let perConversation = max(4, messages / max(1, conversations))
        for index in 0..<conversations {
            // The remainder goes to the last conversation, so the total is exact.
            let count = index == conversations - 1 ? max(4, messages - perConversation * (conversations - 1)) : perConversation
            if index > 0 { buffer += "," }
            writer.conversation(index: index, nodes: count, into: &buffer, shape: &shape)
            if buffer.utf8.count > 4 << 20 {
                try handle.write(contentsOf: Data(buffer.utf8))
                shape.bytes += Int64(buffer.utf8.count)
                buffer = ""
            }
        }
        buffer += "]\n"
        try handle.write(contentsOf: Data(buffer.utf8))
        shape.bytes += Int64(buffer.utf8.count)
        return shape
    }

    private var random: SeedData
    private let start = 1_700_000_000.0

    private init(seed: UInt64) { random = SeedData(seed: seed) }

    private mutating func uuid() -> String {
        func hex(_ digits: Int) -> String {
            var text = ""
            for _ in 0..<digits { text.append(Character(String(random.next(16), radix: 16))) }
            return text
        }
        return "\(hex(8))-\(hex(4))-4\(hex(3))-a\(hex(3))-\(hex(12))"
    }

    /// One conversation of `nodes` message nodes.
    private mutating func conversation(index: Int, nodes: Int, into out: inout String, shape: inout Shape) {
        let id = uuid()
        var time = start + Double(index) * 3_600
        let created = time
        let root = uuid()
        var entries: [String] = []
        var children: [String: [String]] = [root: []]
        var parents: [String: String] = [:]
        func link(_ node: String, under parent: String) {
            parents[node] = parent
            children[parent, default: []].append(node)
            children[node] = children[node] ?? []
        }
        var written = 0
        var visible = 0
        var bodies: [String: String] = [:]
        func add(_ role: String, _ text: String, under parent: String, hidden: Bool = false,
                 contentType: String = "text", time: Double) -> String {
            let node = uuid()
            link(node, under: parent)
            bodies[node] = message(node, role: role, text: text, hidden: hidden,
                                   contentType: contentType, time: time)
            written += 1
            if (role == "user" || role == "assistant"), contentType == "text", !hidden, !text.isEmpty { visible += 1 }
            return node
        }
        var leaf = add("system", "", under: root, hidden: true, time: time)
        var title = ""
        while written < nodes {
            time += 30
            let question = random.sentence(words: 5 + random.next(20))
            if title.isEmpty { title = String(question.prefix(40)) }
            // An edited question: the first version and its answer stay as a branch.
            if written + 4 <= nodes, random.next(12) == 0 {
                let old = add("user", question, under: leaf, time: time)
                _ = add("assistant", answer(), under: old, time: time + 5)
                time += 20
            }
            let asked = add("user", random.next(3) == 0 ? question : random.sentence(words: 5 + random.next(20)),
                            under: leaf, time: time)
            leaf = asked
            guard written < nodes else { break }
            time += 10
            if written + 2 <= nodes, random.next(25) == 0 {
                // A tool call and its output, which the import leaves out.
                let call = add("assistant", "print(sum(range(10)))", under: leaf, contentType: "code", time: time)
                leaf = add("tool", "45", under: call, contentType: "execution_output", time: time + 1)
            }
            guard written < nodes else { break }
            if written + 2 <= nodes, random.next(15) == 0 {
                // A regenerated answer: the first stays as a sibling; now and then it is empty.
                _ = add("assistant", random.next(3) == 0 ? "" : answer(), under: leaf, time: time)
                time += 5
            }
            guard written < nodes else { break }
            leaf = add("assistant", answer(), under: leaf, time: time)
        }
        shape.visible += visible
        shape.conversations += 1
        shape.messages += written
        var mapping = "\"\(root)\":{\"id\":\"\(root)\",\"message\":null,\"parent\":null,\"children\":\(list(children[root] ?? []))}"
        entries.reserveCapacity(bodies.count)
        for (node, body) in bodies {
            entries.append("\"\(node)\":{\"id\":\"\(node)\",\"message\":\(body),\"parent\":\"\(parents[node] ?? root)\","
                + "\"children\":\(list(children[node] ?? []))}")
        }
        mapping += "," + entries.sorted().joined(separator: ",")
        out += "{\"title\":\(JSONText.quoted(title)),\"create_time\":\(created),\"update_time\":\(time),"
            + "\"mapping\":{\(mapping)},\"moderation_results\":[],\"current_node\":\"\(leaf)\","
            + "\"plugin_ids\":null,\"conversation_id\":\"\(id)\",\"conversation_template_id\":null,"
            + "\"gizmo_id\":null,\"is_archived\":false,\"safe_urls\":[],\"default_model_slug\":\"gpt-4o\",\"id\":\"\(id)\"}"
    }

    private mutating func answer() -> String {
        (0..<(1 + random.next(3))).map { _ in random.sentence(words: 8 + random.next(24)) }.joined(separator: "\n\n")
    }

    private func list(_ ids: [String]) -> String {
        "[" + ids.map { "\"\($0)\"" }.joined(separator: ",") + "]"
    }

    private func message(_ id: String, role: String, text: String, hidden: Bool,
                                  contentType: String, time: Double) -> String {
        let model = role == "assistant" ? ",\"model_slug\":\"gpt-4o\",\"default_model_slug\":\"gpt-4o\"" : ""
        let finish = role == "assistant" ? ",\"finish_details\":{\"type\":\"stop\",\"stop_tokens\":[200002]},\"is_complete\":true" : ""
        let hide = hidden ? "\"is_visually_hidden_from_conversation\":true," : ""
        let recipient = contentType == "code" ? "python" : "all"
        return "{\"id\":\"\(id)\",\"author\":{\"role\":\"\(role)\",\"name\":null,\"metadata\":{}},"
            + "\"create_time\":\(time),\"update_time\":null,"
            + "\"content\":{\"content_type\":\"\(contentType)\",\"parts\":[\(JSONText.quoted(text))]},"
            + "\"status\":\"finished_successfully\",\"end_turn\":\(role == "assistant" ? "true" : "null"),\"weight\":1.0,"
            + "\"metadata\":{\(hide)\"message_source\":null,"
            + "\"timestamp_\":\"absolute\",\"message_type\":null\(model)\(finish),"
            + "\"citations\":[]},\"recipient\":\"\(recipient)\",\"channel\":null}"
    }}
