/// One conversation of ChatGPT's `conversations.json`, as far as kimichat reads it.
/// Only `mapping` must be there; every other field is read leniently (a value of an
/// unexpected type counts as absent), since the format is undocumented and changes.
/// Read with `JSONCursor`: the fields below are picked out, everything else skipped.
struct ChatGPTConversation {
    var id: String?
    var title: String?
    var createTime: Double?
    var updateTime: Double?
    var mapping: [String: Node] = [:]
    var currentNode: String?

    struct Node {
        var message: Message?
        var parent: String?
        var children: [String] = []
    }

    struct Message {
        var role: String?
        var contentType: String?
        var parts: [Part] = []
        var text: String?
        var createTime: Double?
        var modelSlug: String?
        var isHidden = false
        /// Who the message is addressed to: `all` (or absent) is the conversation; a tool's
        /// name is a call to that tool.
        var recipient: String?
    }

    /// A part of a message: text, or something else (an image pointer, a file, audio).
    enum Part: Equatable {
        case text(String)
        case image
        case other
    }

    /// Why an element of the export is not a conversation, in words.
    enum Failure: Error, Equatable {
        case invalidJSON
        case noMapping
        case badMapping

        var reason: String {
            switch self {
            case .invalidJSON: return "is not valid JSON"
            case .noMapping: return "has no \"mapping\""
            case .badMapping: return "has a \"mapping\" that is not what a ChatGPT conversation holds"
            }
        }
    }

    static func parse(_ bytes: UnsafeRawBufferPointer) throws(Failure) -> ChatGPTConversation {
        var cursor = JSONCursor(bytes)
        var conversation = ChatGPTConversation()
        var sawMapping = false
        do {
            guard cursor.isObject else { throw Failure.badMapping }
            var conversationID: String?
            var mappingIsBad = false
            try cursor.members { value, key throws(JSONCursor.Failure) in
                if key.equals("mapping") {
                    sawMapping = true
                    if value.isObject { conversation.mapping = try mapping(&value) } else { mappingIsBad = true; try value.skipValue() }
                } else if key.equals("id") {
                    conversation.id = try value.string()
                } else if key.equals("conversation_id") {
                    conversationID = try value.string()
                } else if key.equals("title") {
                    conversation.title = try value.string()
                } else if key.equals("create_time") {
                    conversation.createTime = try value.number()
                } else if key.equals("update_time") {
                    conversation.updateTime = try value.number()
                } else if key.equals("current_node") {
                    conversation.currentNode = try value.string()
                } else {
                    try value.skipValue()
                }
            }
            if mappingIsBad { throw Failure.badMapping }
            conversation.id = conversation.id ?? conversationID
        } catch let failure as Failure {
            throw failure
        } catch {
            throw .invalidJSON
        }
        guard sawMapping else { throw .noMapping }
        return conversation
    }

    private static func mapping(_ cursor: inout JSONCursor) throws(JSONCursor.Failure) -> [String: Node] {
        var nodes: [String: Node] = [:]
        try cursor.members { value, key throws(JSONCursor.Failure) in
            guard value.isObject else { try value.skipValue(); return }
            var node = Node()
            try value.members { field, name throws(JSONCursor.Failure) in
                if name.equals("message") {
                    node.message = field.isObject ? try message(&field) : nil
                    if node.message == nil { try field.skipValue() }
                } else if name.equals("parent") {
                    node.parent = try field.string()
                } else if name.equals("children") {
                    guard field.isArray else { try field.skipValue(); return }
                    try field.elements { child throws(JSONCursor.Failure) in
                        if let id = try child.string() { node.children.append(id) }
                    }
                } else {
                    try field.skipValue()
                }
            }
            nodes[String(decoding: key, as: UTF8.self)] = node
        }
        return nodes
    }

    private static func message(_ cursor: inout JSONCursor) throws(JSONCursor.Failure) -> Message {
        var message = Message()
        try cursor.members { value, key throws(JSONCursor.Failure) in
            if key.equals("author") {
                guard value.isObject else { try value.skipValue(); return }
                try value.members { field, name throws(JSONCursor.Failure) in
                    if name.equals("role") { message.role = try field.string() } else { try field.skipValue() }
                }
            } else if key.equals("content") {
                guard value.isObject else { try value.skipValue(); return }
                try value.members { field, name throws(JSONCursor.Failure) in
                    if name.equals("content_type") {
                        message.contentType = try field.string()
                    } else if name.equals("parts"), field.isArray {
                        try field.elements { part throws(JSONCursor.Failure) in message.parts.append(try Self.part(&part)) }
                    } else if name.equals("text") {
                        message.text = try field.string()
                    } else {
                        try field.skipValue()
                    }
                }
            } else if key.equals("create_time") {
                message.createTime = try value.number()
            } else if key.equals("recipient") {
                message.recipient = try value.string()
            } else if key.equals("metadata") {
                guard value.isObject else { try value.skipValue(); return }
                try value.members { field, name throws(JSONCursor.Failure) in
                    if name.equals("model_slug") {
                        message.modelSlug = try field.string()
                    } else if name.equals("is_visually_hidden_from_conversation") {
                        message.isHidden = try field.bool() ?? false
                    } else {
                        try field.skipValue()
                    }
                }
            } else {
                try value.skipValue()
            }
        }
        return message
    }

    private static func part(_ cursor: inout JSONCursor) throws(JSONCursor.Failure) -> Part {
        if cursor.peek() == UInt8(ascii: "\"") { return .text(try cursor.string() ?? "") }
        guard cursor.isObject else { try cursor.skipValue(); return .other }
        var isImage = false
        try cursor.members { field, name throws(JSONCursor.Failure) in
            if name.equals("content_type"), let type = try field.string() { isImage = type.contains("image") } else {
                try field.skipValue()
            }
        }
        return isImage ? .image : .other
    }
}
