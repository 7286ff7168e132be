import ScreenKit

/// The chat's keys, as data: dispatch, the status bar's hints and help read this table.
public enum KeyMap {
    public static let bindings: [KeyBinding<Command>] = [
        KeyBinding(key: .enter, command: .send, label: "Enter", summary: "send the message", hint: "send"),
        KeyBinding(key: .altEnter, command: .insertNewline, label: "Alt-Enter", summary: "insert a newline"),
        KeyBinding(key: .ctrl("j"), command: .insertNewline, label: "Ctrl-J", summary: "insert a newline"),
        KeyBinding(key: .escape, command: .stopOrClose, label: "Esc", summary: "stop the reply being generated",
                   hint: "stop"),
        KeyBinding(key: .ctrl("c"), command: .interrupt, label: "Ctrl-C",
                   summary: "stop the reply; end an edit (Alt-E); twice on an idle screen quits"),
        KeyBinding(key: .ctrl("q"), command: .quit, label: "Ctrl-Q", summary: "quit"),
        KeyBinding(key: .ctrl("z"), command: .suspend, label: "Ctrl-Z",
                   summary: "suspend kimichat: back to the shell, and its fg brings the chat back"),
        KeyBinding(key: .ctrl("n"), command: .newConversation, label: "Ctrl-N", summary: "start a new conversation"),
        KeyBinding(key: .ctrl("o"), command: .openConversationList, label: "Ctrl-O",
                   summary: "saved conversations: filter, open, rename, delete"),
        KeyBinding(key: .ctrl("r"), command: .regenerate, label: "Ctrl-R",
                   summary: "regenerate the last reply as a new version (after a too-long request: fewer rounds)"),
        KeyBinding(key: .ctrl("t"), command: .openModelPicker, label: "Ctrl-T", summary: "choose the model"),
        KeyBinding(key: .alt("t"), command: .toggleThinking, label: "Alt-T",
                   summary: "show or fold the last reply's thinking"),
        KeyBinding(key: .function(1), command: .openHelp, label: "F1", summary: "help: every key, and token totals",
                   hint: "help"),
        KeyBinding(key: .function(3), command: .find, label: "F3",
                   summary: "find in this conversation: every hit, read or not; Enter next, Shift-F3 previous"),
        KeyBinding(key: .ctrl("x"), command: .beginChord, label: "Ctrl-X",
                   summary: "first key of Ctrl-X Ctrl-E, Ctrl-X F and Ctrl-X T (below)"),
        KeyBinding(key: .alt("e"), command: .editQuestion, label: "Alt-E",
                   summary: "edit your last question (scrolled: the top one) into a new version"),
        KeyBinding(key: .altLeft, command: .previousVersion, label: "Alt-Left",
                   summary: "the older version of a message marked ‹ 2/3 › (scrolled: the top one)"),
        KeyBinding(key: .altRight, command: .nextVersion, label: "Alt-Right",
                   summary: "the newer version of that message"),
        KeyBinding(key: .alt("a"), command: .attachFile, label: "Alt-A",
                   summary: "attach a file to the next message (documents, images; Tab completes the path)"),
        KeyBinding(key: .alt("w"), command: .toggleWebSearch, label: "Alt-W",
                   summary: "Kimi's web search on or off for this conversation (the status bar shows web)"),
        KeyBinding(key: .alt("s"), command: .openSettings, label: "Alt-S",
                   summary: "this conversation's settings: system prompt, thinking, sampling, history, search"),
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
        KeyBinding(key: .backspace, command: .deleteBackward, label: "Backspace",
                   summary: "delete left (at the start of the input, twice: removes the last attachment)"),
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

    /// The status bar's hints: Enter sends while idle, Esc stops while a reply streams.
    /// Drawn on every frame, so built once for each of the two cases.
    public static func statusHints(isStreaming: Bool) -> String {
        isStreaming ? streamingHints : idleHints
    }

    private static let streamingHints = hints(isStreaming: true)
    private static let idleHints = hints(isStreaming: false)

    private static func hints(isStreaming: Bool) -> String {
        KeyHints.line(bindings) { command in
            switch command {
            case .send: return !isStreaming
            case .stopOrClose: return isStreaming
            default: return true
            }
        }
    }

    /// "Esc", for "Esc cancels" while a retry waits.
    public static var stopLabel: String { KeyHints.label(of: .stopOrClose, in: bindings) ?? "Esc" }
}
