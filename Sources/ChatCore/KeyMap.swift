import ScreenKit

/// One key binding: the key, what it does (a `Command`, or a `ListCommand` in the
/// conversation list), and how help shows it.
public struct KeyBinding<Action: Sendable & Equatable>: Sendable, Equatable {
    public let key: Key
    public let command: Action
    public let label: String
    public let summary: String
}

/// One line of help: every key that does the same thing, and what that is.
public struct KeyHelpEntry: Sendable, Equatable {
    public var keys: String
    public var summary: String

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

/// The default keys, as data: dispatch reads it, and so will the help overlay.
public enum KeyMap {
    public static let bindings: [KeyBinding<Command>] = [
        KeyBinding(key: .enter, command: .send, label: "Enter", summary: "send the message"),
        KeyBinding(key: .altEnter, command: .insertNewline, label: "Alt-Enter", summary: "insert a newline"),
        KeyBinding(key: .ctrl("j"), command: .insertNewline, label: "Ctrl-J", summary: "insert a newline"),
        KeyBinding(key: .escape, command: .stopOrClose, label: "Esc", summary: "stop the reply being generated"),
        KeyBinding(key: .ctrl("c"), command: .interrupt, label: "Ctrl-C",
                   summary: "stop the reply; twice on an idle screen quits"),
        KeyBinding(key: .ctrl("q"), command: .quit, label: "Ctrl-Q", summary: "quit"),
        KeyBinding(key: .ctrl("n"), command: .newConversation, label: "Ctrl-N", summary: "start a new conversation"),
        KeyBinding(key: .ctrl("o"), command: .openConversationList, label: "Ctrl-O",
                   summary: "saved conversations: filter, open, rename, delete"),
        KeyBinding(key: .ctrl("r"), command: .regenerate, label: "Ctrl-R",
                   summary: "regenerate the last reply (after a too-long request: with fewer earlier rounds)"),
        KeyBinding(key: .ctrl("t"), command: .openModelPicker, label: "Ctrl-T", summary: "choose the model"),
        KeyBinding(key: .alt("t"), command: .toggleThinking, label: "Alt-T",
                   summary: "show or fold the last reply's thinking"),
        KeyBinding(key: .function(1), command: .openHelp, label: "F1", summary: "help: every key, and token totals"),
        KeyBinding(key: .ctrl("x"), command: .beginEditorChord, label: "Ctrl-X Ctrl-E",
                   summary: "write the message in $VISUAL or $EDITOR"),
        KeyBinding(key: .alt("y"), command: .copyMessage, label: "Alt-Y",
                   summary: "copy the last reply, or while scrolled the top message (OSC 52: SSH and tmux too)"),
        KeyBinding(key: .alt("c"), command: .copyCodeBlock, label: "Alt-C",
                   summary: "copy a code block of that reply; again for the next block"),
        KeyBinding(key: .ctrl("d"), command: .quitIfInputEmptyElseDeleteForward, label: "Ctrl-D",
                   summary: "quit on an empty input, else delete forward"),
        KeyBinding(key: .pageUp, command: .scrollPageUp, label: "PgUp", summary: "scroll the transcript up a page"),
        KeyBinding(key: .pageDown, command: .scrollPageDown, label: "PgDn", summary: "scroll down a page"),
        KeyBinding(key: .wheelUp, command: .scrollLineUp, label: "wheel up", summary: "scroll up a line"),
        KeyBinding(key: .wheelDown, command: .scrollLineDown, label: "wheel down", summary: "scroll down a line"),
        KeyBinding(key: .ctrlUp, command: .scrollLineUp, label: "Ctrl-Up", summary: "scroll up a line"),
        KeyBinding(key: .ctrlDown, command: .scrollLineDown, label: "Ctrl-Down", summary: "scroll down a line"),
        KeyBinding(key: .altUp, command: .previousMessage, label: "Alt-Up", summary: "jump to the previous message"),
        KeyBinding(key: .altDown, command: .nextMessage, label: "Alt-Down", summary: "jump to the next message"),
        KeyBinding(key: .home, command: .topOrLineStart, label: "Home",
                   summary: "top of the transcript (empty input) or start of line"),
        KeyBinding(key: .end, command: .bottomOrLineEnd, label: "End",
                   summary: "bottom of the transcript (empty input) or end of line"),
        KeyBinding(key: .left, command: .moveLeft, label: "Left", summary: "cursor left"),
        KeyBinding(key: .ctrl("b"), command: .moveLeft, label: "Ctrl-B", summary: "cursor left"),
        KeyBinding(key: .right, command: .moveRight, label: "Right", summary: "cursor right"),
        KeyBinding(key: .ctrl("f"), command: .moveRight, label: "Ctrl-F", summary: "cursor right"),
        KeyBinding(key: .up, command: .moveUp, label: "Up",
                   summary: "previous line of the input; on the first line, the previous message sent"),
        KeyBinding(key: .down, command: .moveDown, label: "Down",
                   summary: "next line of the input; on the last line, the next message sent"),
        KeyBinding(key: .ctrl("a"), command: .moveLineStart, label: "Ctrl-A", summary: "start of line"),
        KeyBinding(key: .ctrl("e"), command: .moveLineEnd, label: "Ctrl-E", summary: "end of line"),
        KeyBinding(key: .alt("b"), command: .moveWordBackward, label: "Alt-B", summary: "word left"),
        KeyBinding(key: .ctrlLeft, command: .moveWordBackward, label: "Ctrl-Left", summary: "word left"),
        KeyBinding(key: .alt("f"), command: .moveWordForward, label: "Alt-F", summary: "word right"),
        KeyBinding(key: .ctrlRight, command: .moveWordForward, label: "Ctrl-Right", summary: "word right"),
        KeyBinding(key: .backspace, command: .deleteBackward, label: "Backspace", summary: "delete left"),
        KeyBinding(key: .ctrl("h"), command: .deleteBackward, label: "Ctrl-H", summary: "delete left"),
        KeyBinding(key: .delete, command: .deleteForward, label: "Del", summary: "delete right"),
        KeyBinding(key: .ctrl("k"), command: .killToLineEnd, label: "Ctrl-K", summary: "cut to end of line"),
        KeyBinding(key: .ctrl("u"), command: .killToLineStart, label: "Ctrl-U", summary: "cut to start of line"),
        KeyBinding(key: .ctrl("w"), command: .killWordBackward, label: "Ctrl-W", summary: "cut the word before"),
        KeyBinding(key: .alt("d"), command: .killWordForward, label: "Alt-D", summary: "cut the word after"),
        KeyBinding(key: .ctrl("y"), command: .yank, label: "Ctrl-Y", summary: "paste what was cut"),
    ]

    private static let lookup = KeyLookup(bindings)

    public static func command(for key: Key) -> Command? { lookup[key] }
}
