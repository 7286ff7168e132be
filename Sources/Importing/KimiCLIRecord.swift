/// One line of a kimi-cli `context.jsonl`: a message of the conversation sent to the
/// model (`user`, `assistant`, `tool`, `system`), or kimi-cli's own bookkeeping, whose
/// role starts with an underscore (`_system_prompt`, `_checkpoint`, `_usage`).
/// `content` is a string or a list of parts (`text`, `think`, `image_url`, …).
struct KimiCLIRecord: Decodable {
    var role: String?
    var text: String = ""
    var reasoning: String = ""

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Keys.self)
        role = container.lenient(String.self, .role)
        if let whole = container.lenient(String.self, .content) {
            text = whole
            return
        }
        var texts: [String] = []
        var thoughts: [String] = []
        for part in container.lenient([Part].self, .content) ?? [] {
            switch part.type {
            case "text":
                // kimi-cli's own notes to the model ride in user messages, wrapped in tags:
                // checkpoints, reminders, notifications, tool errors.
                if let text = part.text, !Self.isInternal(text) { texts.append(text) }
            case "think":
                if let think = part.think { thoughts.append(think) }
            case "image_url":
                texts.append("[image]")
            default:
                break
            }
        }
        text = texts.joined(separator: "\n")
        reasoning = thoughts.joined(separator: "\n")
    }

    static func isInternal(_ text: String) -> Bool {
        let start = text.drop { $0.isWhitespace }
        return start.hasPrefix("<system>") || start.hasPrefix("<system-reminder>") || start.hasPrefix("<notification ")
    }

    var hasText: Bool { text.contains { !$0.isWhitespace } }

    struct Part: Decodable {
        var type: String?
        var text: String?
        var think: String?

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: Keys.self)
            type = container.lenient(String.self, .type)
            text = container.lenient(String.self, .text)
            think = container.lenient(String.self, .think)
        }
    }

    enum Keys: String, CodingKey {
        case role, content, type, text, think
    }
}

extension KeyedDecodingContainer {
    /// The value at `key`, or nil when it is absent, null or of another type.
    func lenient<T: Decodable>(_ type: T.Type, _ key: Key) -> T? {
        (try? decodeIfPresent(type, forKey: key)) ?? nil
    }
}
