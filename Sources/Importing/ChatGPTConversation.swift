/// One conversation of ChatGPT's `conversations.json`, as far as kimichat reads it.
/// Only `mapping` must be there; every other field is read leniently (a value of an
/// unexpected type counts as absent), since the format is undocumented and changes.
struct ChatGPTConversation: Decodable {
    var id: String?
    var title: String?
    var createTime: Double?
    var updateTime: Double?
    var mapping: [String: Node]
    var currentNode: String?

    struct Node: Decodable {
        var message: Message?
        var parent: String?
        var children: [String]

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: Keys.self)
            message = container.lenient(Message.self, .message)
            parent = container.lenient(String.self, .parent)
            children = container.lenient([String].self, .children) ?? []
        }
    }

    struct Message: Decodable {
        var role: String?
        var contentType: String?
        var parts: [Part]
        var text: String?
        var createTime: Double?
        var modelSlug: String?
        var isHidden: Bool
        /// Who the message is addressed to: `all` (or absent) is the conversation; a tool's
        /// name is a call to that tool.
        var recipient: String?

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: Keys.self)
            role = container.lenient(Author.self, .author)?.role
            let content = container.lenient(Content.self, .content)
            contentType = content?.contentType
            parts = content?.parts ?? []
            text = content?.text
            createTime = container.lenient(Double.self, .createTime)
            let metadata = container.lenient(Metadata.self, .metadata)
            modelSlug = metadata?.modelSlug
            isHidden = metadata?.isHidden ?? false
            recipient = container.lenient(String.self, .recipient)
        }
    }

    struct Author: Decodable {
        var role: String?
        init(from decoder: any Decoder) throws {
            role = try decoder.container(keyedBy: Keys.self).lenient(String.self, .role)
        }
    }

    struct Content: Decodable {
        var contentType: String?
        var parts: [Part]?
        var text: String?
        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: Keys.self)
            contentType = container.lenient(String.self, .contentType)
            parts = container.lenient([Part].self, .parts)
            text = container.lenient(String.self, .text)
        }
    }

    struct Metadata: Decodable {
        var modelSlug: String?
        var isHidden: Bool?
        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: Keys.self)
            modelSlug = container.lenient(String.self, .modelSlug)
            isHidden = container.lenient(Bool.self, .isVisuallyHiddenFromConversation)
        }
    }

    /// A part of a message: text, or something else (an image pointer, a file, audio).
    enum Part: Decodable {
        case text(String)
        case image
        case other

        init(from decoder: any Decoder) throws {
            if let text = try? decoder.singleValueContainer().decode(String.self) {
                self = .text(text)
            } else if let object = try? decoder.container(keyedBy: Keys.self),
                      let type = object.lenient(String.self, .contentType), type.contains("image") {
                self = .image
            } else {
                self = .other
            }
        }
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Keys.self)
        mapping = try container.decode([String: Node].self, forKey: .mapping)
        id = container.lenient(String.self, .id) ?? container.lenient(String.self, .conversationId)
        title = container.lenient(String.self, .title)
        createTime = container.lenient(Double.self, .createTime)
        updateTime = container.lenient(Double.self, .updateTime)
        currentNode = container.lenient(String.self, .currentNode)
    }

    /// Every key read, in the export's spelling.
    enum Keys: String, CodingKey {
        case id, title, mapping, message, parent, children, author, role, content, parts, text, metadata, recipient
        case conversationId = "conversation_id"
        case createTime = "create_time"
        case updateTime = "update_time"
        case currentNode = "current_node"
        case contentType = "content_type"
        case modelSlug = "model_slug"
        case isVisuallyHiddenFromConversation = "is_visually_hidden_from_conversation"
    }
}

extension KeyedDecodingContainer {
    /// The value at `key`, or nil when it is absent, null or of another type.
    func lenient<T: Decodable>(_ type: T.Type, _ key: Key) -> T? {
        (try? decodeIfPresent(type, forKey: key)) ?? nil
    }
}
