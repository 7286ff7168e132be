/// The names `[keys]` in config.toml rebinds the chat's actions by, one per action, as
/// docs/keys.md lists them.
extension Command {
    public var name: String {
        switch self {
        case .send: return "send"
        case .insertNewline: return "newline"
        case .stopOrClose: return "stop"
        case .interrupt: return "interrupt"
        case .quit: return "quit"
        case .quitIfInputEmptyElseDeleteForward: return "quit_or_delete_forward"
        case .scrollPageUp: return "scroll_page_up"
        case .scrollPageDown: return "scroll_page_down"
        case .scrollLineUp: return "scroll_line_up"
        case .scrollLineDown: return "scroll_line_down"
        case .previousMessage: return "previous_message"
        case .nextMessage: return "next_message"
        case .topOrLineStart: return "top_or_line_start"
        case .bottomOrLineEnd: return "bottom_or_line_end"
        case .moveLeft: return "cursor_left"
        case .moveRight: return "cursor_right"
        case .moveUp: return "cursor_up"
        case .moveDown: return "cursor_down"
        case .moveLineStart: return "line_start"
        case .moveLineEnd: return "line_end"
        case .moveWordBackward: return "word_left"
        case .moveWordForward: return "word_right"
        case .deleteBackward: return "delete_left"
        case .deleteForward: return "delete_right"
        case .killToLineEnd: return "cut_to_line_end"
        case .killToLineStart: return "cut_to_line_start"
        case .killWordBackward: return "cut_word_before"
        case .killWordForward: return "cut_word_after"
        case .yank: return "paste_cut"
        case .newConversation: return "new_conversation"
        case .openConversationList: return "conversations"
        case .openModelPicker: return "choose_model"
        case .toggleThinking: return "toggle_thinking"
        case .openHelp: return "help"
        case .copyMessage: return "copy_message"
        case .copyCodeBlock: return "copy_code_block"
        case .regenerate: return "regenerate"
        case .beginChord: return "chord"
        case .editQuestion: return "edit_question"
        case .previousVersion: return "previous_version"
        case .nextVersion: return "next_version"
        case .attachFile: return "attach_file"
        case .toggleWebSearch: return "web_search"
        case .openSettings: return "settings"
        case .find: return "find"
        case .suspend: return "suspend"
        }
    }
}

extension ChordCommand {
    /// Bound as chords, after the chord key: `editor = "Ctrl-X Ctrl-E"`.
    public var name: String {
        switch self {
        case .openEditor: return "editor"
        case .fork: return "fork"
        case .openOutline: return "outline"
        case .continueReply: return "continue_reply"
        case .find: return "find_chord"
        }
    }
}
