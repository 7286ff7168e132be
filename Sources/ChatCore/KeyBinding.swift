import ScreenKit

/// One key binding: the key, what it does in its table's context (a `Command` in the
/// chat, a `ListCommand` in the conversation list…), how help shows it, and, for the
/// few keys a footer names, the word or two the footer puts after the key.
public struct KeyBinding<Action: Sendable & Equatable>: Sendable, Equatable {
    public let key: Key
    public let command: Action
    public let label: String
    public let summary: String
    /// "send" in the status bar's "Enter send": set on the bindings a footer shows.
    public let hint: String?

    public init(key: Key, command: Action, label: String, summary: String, hint: String? = nil) {
        self.key = key
        self.command = command
        self.label = label
        self.summary = summary
        self.hint = hint
    }

    /// The same binding in a table whose commands wrap this one's (shared rows).
    public func map<Wider>(_ wrap: (Action) -> Wider) -> KeyBinding<Wider> {
        KeyBinding<Wider>(key: key, command: wrap(command), label: label, summary: summary, hint: hint)
    }
}

/// One line of help: every key that does the same thing, and what that is.
public struct KeyHelpEntry: Sendable, Equatable {
    public var keys: String
    public var summary: String

    public init(keys: String, summary: String) {
        self.keys = keys
        self.summary = summary
    }

    /// The bindings grouped by what they do, in table order: "Alt-Enter, Ctrl-J".
    public static func entries<Action>(_ bindings: [KeyBinding<Action>]) -> [KeyHelpEntry] {
        var entries: [KeyHelpEntry] = []
        for binding in bindings {
            if let index = entries.firstIndex(where: { $0.summary == binding.summary }) {
                if !entries[index].keys.contains(binding.label) { entries[index].keys += ", " + binding.label }
            } else {
                entries.append(KeyHelpEntry(keys: binding.label, summary: binding.summary))
            }
        }
        return entries
    }
}

/// A key table's dispatch: the first binding of a key wins.
struct KeyLookup<Action: Sendable & Equatable>: Sendable {
    private let actions: [Key: Action]

    init(_ bindings: [KeyBinding<Action>]) {
        var table: [Key: Action] = [:]
        for binding in bindings where table[binding.key] == nil { table[binding.key] = binding.command }
        actions = table
    }

    subscript(key: Key) -> Action? { actions[key] }
}
