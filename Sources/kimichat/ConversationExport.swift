import ChatDomain
import ChatViews
import Foundation

/// A saved conversation as plain text (`show`), Markdown or JSON (`export`).
enum ConversationExport {
    static func plainText(_ saved: SavedConversation) -> String {
        let summary = saved.summary
        var out = "\(summary.title)\n"
        out += facts(summary) + "\n"
        for message in saved.messages {
            out += "\n" + heading(message) + ":\n"
            for line in extras(message) { out += "  \(line)\n" }
            if !message.reasoning.isEmpty {
                out += indent(message.reasoning, with: "  │ ") + "\n"
            }
            if !message.text.isEmpty { out += indent(message.text, with: "  ") + "\n" }
            if let mark = mark(message) { out += "  \(mark)\n" }
        }
        return out
    }

    /// `show --tree`: the conversation's questions as a tree, one line each (● on the
    /// current branch, its time, its first line indented by fork, how many replies
    /// it has when it was answered more than once), as the outline overlay lists them.
    static func outline(_ saved: SavedConversation) -> String {
        let summary = saved.summary
        let rows = saved.tree.outline
        var out = "\(summary.title)\n"
        out += facts(summary) + "\n"
        guard !rows.isEmpty else { return out + "\nNo questions yet.\n" }
        let branches = saved.tree.branchCount
        out += "\(rows.count) question\(rows.count == 1 ? "" : "s") on \(branches) branch\(branches == 1 ? "" : "es")"
            + " · ● the current branch\n\n"
        // Times first, in a column of their own, so the indentation shows the tree.
        let noTime = String(repeating: " ", count: timestamp(Date(timeIntervalSince1970: 0)).count)
        for row in rows {
            out += (row.isOnCurrentBranch ? "● " : "  ") + (row.createdAt.map(timestamp) ?? noTime) + "  "
                + row.guide + row.firstLine + OutlineText.repliesNote(row) + "\n"
        }
        return out
    }

    static func markdown(_ saved: SavedConversation) -> String {
        let summary = saved.summary
        var out = "# \(summary.title)\n\n"
        out += "*" + facts(summary, withID: false) + "*\n"
        let others = saved.tree.branchCount - 1
        if others > 0 {
            out += "\n*The conversation's current branch; \(others) other branch\(others == 1 ? " is" : "es are") kept "
                + "(`export --format json` has them all).*\n"
        }
        for message in saved.messages {
            out += "\n## \(heading(message))\n\n"
            let lines = extras(message)
            if !lines.isEmpty { out += lines.map { "*\($0)*" }.joined(separator: "  \n") + "\n\n" }
            if !message.reasoning.isEmpty {
                out += "<details><summary>Thinking</summary>\n\n\(message.reasoning)\n\n</details>\n\n"
            }
            if !message.text.isEmpty { out += message.text + "\n" }
            if let mark = mark(message) { out += "\n*\(mark)*\n" }
        }
        return out
    }

    static func json(_ saved: SavedConversation) throws -> String {
        try JSONOutput.text(ExportedConversation(saved))
    }

    static func timestamp(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter.string(from: date)
    }

    /// "conversation 7 · kimi-k2.6 · 4 messages · updated …"; an imported conversation
    /// has no model of its own (the default is used), so none is named.
    private static func facts(_ summary: ConversationSummary, withID: Bool = true) -> String {
        let parts = [withID ? "conversation \(summary.id)" : "", summary.model, "\(summary.messageCount) messages",
                     "updated \(timestamp(summary.updatedAt))"]
        return parts.filter { !$0.isEmpty }.joined(separator: " · ")
    }

    /// A question's files and a reply's searches, one line each, as the transcript shows them.
    private static func extras(_ message: StoredMessage) -> [String] {
        message.attachments.map(AttachmentLines.describe) + message.searches.flatMap { $0.calls.map(AttachmentLines.describe) }
    }

    private static func heading(_ message: StoredMessage) -> String {
        switch message.role {
        case .user: return "You"
        case .system: return "System"
        case .tool: return "Tool"
        case .assistant:
            let name = AssistantName.of(model: message.model)
            return message.model.map { $0.isEmpty ? name : "\(name) (\($0))" } ?? name
        }
    }

    private static func mark(_ message: StoredMessage) -> String? {
        var marks: [String] = []
        switch message.status {
        case .stopped: marks.append("[stopped]")
        case .interrupted: marks.append("[interrupted]")
        case .streaming: marks.append("[still streaming]")
        case .error, .complete: break
        }
        if message.finishReason == .length { marks.append("[cut: max tokens]") }
        if message.finishReason == .contentFilter { marks.append("[cut: content filter]") }
        if let failure = message.errorMessage { marks.append("Error: \(failure)") }
        return marks.isEmpty ? nil : marks.joined(separator: " ")
    }

    private static func indent(_ text: String, with prefix: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { prefix + $0 }.joined(separator: "\n")
    }
}

/// The JSON export: the API's field names where they exist (role, content, reasoning_content, usage).
/// Every message of the tree, oldest first, each with its parent and whether it is on
/// the branch the conversation shows.
private struct ExportedConversation: Encodable {
    struct Message: Encodable {
        var id: Int64?
        var parentID: Int64?
        var onCurrentBranch: Bool
        var role: String
        var content: String
        var reasoningContent: String?
        var status: String
        var model: String?
        var usage: ExportedUsage?
        var finishReason: String?
        var error: String?
        var createdAt: Date?
        var attachments: [ExportedAttachment]?
        var searches: [ExportedSearch]?

        enum CodingKeys: String, CodingKey {
            case id, role, content, status, model, usage, error, attachments, searches
            case parentID = "parent_id"
            case onCurrentBranch = "on_current_branch"
            case reasoningContent = "reasoning_content"
            case finishReason = "finish_reason"
            case createdAt = "created_at"
        }
    }

    var id: Int64
    var title: String
    var model: String
    var createdAt: Date
    var updatedAt: Date
    var messages: [Message]

    enum CodingKeys: String, CodingKey {
        case id, title, model, messages
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }

    init(_ saved: SavedConversation) {
        id = saved.summary.id
        title = saved.summary.title
        model = saved.summary.model
        createdAt = saved.summary.createdAt
        updatedAt = saved.summary.updatedAt
        let branch = Set(saved.messages.compactMap(\.id))
        messages = saved.tree.allMessages.map { message in
            Message(id: message.id, parentID: message.parentID, onCurrentBranch: message.id.map(branch.contains) ?? false,
                    role: message.role.rawValue, content: message.text,
                    reasoningContent: message.reasoning.isEmpty ? nil : message.reasoning,
                    status: message.status.rawValue, model: message.model, usage: message.usage.map(ExportedUsage.init),
                    finishReason: message.finishReason?.wireValue, error: message.errorMessage,
                    createdAt: message.createdAt,
                    attachments: message.attachments.isEmpty ? nil : message.attachments.map(ExportedAttachment.init),
                    searches: message.searches.isEmpty ? nil : message.searches.flatMap(\.calls).map(ExportedSearch.init))
        }
    }
}

private struct ExportedUsage: Encodable {
    var promptTokens: Int
    var completionTokens: Int
    var totalTokens: Int
    var cachedTokens: Int?

    init(_ usage: Usage) {
        promptTokens = usage.promptTokens
        completionTokens = usage.completionTokens
        totalTokens = usage.totalTokens
        cachedTokens = usage.cachedTokens
    }

    enum CodingKeys: String, CodingKey {
        case promptTokens = "prompt_tokens"
        case completionTokens = "completion_tokens"
        case totalTokens = "total_tokens"
        case cachedTokens = "cached_tokens"
    }
}

/// A file sent with a question, in the JSON export: a document with its text, an image
/// described (its bytes stay in the database).
private struct ExportedAttachment: Encodable {
    var name: String
    var kind: String
    var bytes: Int
    var source: String?
    var text: String?
    var mediaType: String?
    var width: Int?
    var height: Int?
    var path: String?

    init(_ attachment: Attachment) {
        name = attachment.name
        bytes = attachment.byteCount
        switch attachment.content {
        case let .document(document):
            kind = "document"
            source = document.source.rawValue
            text = document.text
        case let .image(image):
            kind = "image"
            mediaType = image.mediaType
            width = image.pixelSize?.width
            height = image.pixelSize?.height
            if case let .file(filePath, _) = image.storage { path = filePath }
        }
    }

    enum CodingKeys: String, CodingKey {
        case name, kind, bytes, source, text, width, height, path
        case mediaType = "media_type"
    }
}

/// A web search a reply made: the call as the API named it.
private struct ExportedSearch: Encodable {
    var id: String
    var name: String
    var arguments: String
    var resultTokens: Int?

    init(_ call: ToolCall) {
        id = call.id
        name = call.name
        arguments = call.arguments
        resultTokens = WebSearch.resultTokens(inArguments: call.arguments)
    }

    enum CodingKeys: String, CodingKey {
        case id, name, arguments
        case resultTokens = "result_tokens"
    }
}
