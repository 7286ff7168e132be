import ScreenKit

/// The answer to "Delete … and all its messages?" in the conversation list.
public enum DeleteAnswer: Sendable, Equatable {
    case delete, keep
}

/// The delete question's keys, as data: y deletes, and every other key keeps the
/// conversation, so a stray key can never delete.
public enum DeleteKeyMap {
    public static let bindings: [KeyBinding<DeleteAnswer>] = [
        KeyBinding(key: .character("y"), command: .delete, label: "y", summary: "delete the conversation",
                   hint: "delete"),
        KeyBinding(key: .character("Y"), command: .delete, label: "Y", summary: "delete the conversation"),
    ]
    /// What every key not in the table does, as help and the question's footer say it.
    public static let otherKeys = (label: "any other key", summary: "keep the conversation", hint: "keeps it")

    private static let lookup = KeyLookup(bindings)

    public static func answer(for key: Key) -> DeleteAnswer { lookup[key] ?? .keep }

    /// Typed text (keys merged by the runtime) answers by its first letter.
    public static func answer(for text: String) -> DeleteAnswer {
        text.first.map { answer(for: .character($0)) } ?? .keep
    }
}
