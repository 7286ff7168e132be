/// The names `[keys.CONTEXT]` gives the overlays' actions, as docs/keys.md lists them.

extension SelectionMove {
    var name: String {
        switch self {
        case .up: return "up"
        case .down: return "down"
        case .pageUp: return "page_up"
        case .pageDown: return "page_down"
        case .first: return "first"
        case .last: return "last"
        }
    }
}

extension LineEdit {
    var name: String {
        switch self {
        case .deleteBackward: return "delete_left"
        case .deleteForward: return "delete_right"
        case .clear: return "clear"
        case .cutToLineStart: return "cut_to_start"
        case .cutToLineEnd: return "cut_to_end"
        case .cutWordBackward: return "cut_word_before"
        case .left: return "cursor_left"
        case .right: return "cursor_right"
        case .lineStart: return "start"
        case .lineEnd: return "end"
        }
    }
}

extension ListCommand: NamedAction {
    public var name: String {
        switch self {
        case .open: return "open"
        case .close: return "close"
        case .newConversation: return "new_conversation"
        case .rename: return "rename"
        case .delete: return "delete"
        case let .move(move): return move.name
        case let .filter(edit): return "filter_" + edit.name
        case .quit: return "quit"
        }
    }
}

extension PickerCommand: NamedAction {
    public var name: String {
        switch self {
        case .choose: return "choose"
        case .close: return "close"
        case let .move(move): return move.name
        case let .filter(edit): return "filter_" + edit.name
        case .quit: return "quit"
        }
    }
}

extension OutlineCommand: NamedAction {
    public var name: String {
        switch self {
        case .go: return "go"
        case .close: return "close"
        case let .move(move): return move.name
        case let .filter(edit): return "filter_" + edit.name
        case .quit: return "quit"
        }
    }
}

extension RenameCommand: NamedAction {
    public var name: String {
        switch self {
        case .save: return "save"
        case .cancel: return "cancel"
        case let .edit(edit): return edit.name
        }
    }
}

extension HelpCommand: NamedAction {
    public var name: String {
        switch self {
        case .close: return "close"
        case .quit: return "quit"
        case .lineDown: return "line_down"
        case .lineUp: return "line_up"
        case .pageDown: return "page_down"
        case .pageUp: return "page_up"
        case .first: return "first"
        case .last: return "last"
        }
    }
}

extension PathPromptCommand: NamedAction {
    public var name: String {
        switch self {
        case .attach: return "attach"
        case .cancel: return "cancel"
        case .complete: return "complete"
        case let .edit(edit): return edit.name
        }
    }
}

extension FindCommand: NamedAction {
    public var name: String {
        switch self {
        case .next: return "next"
        case .previous: return "previous"
        case .close: return "close"
        case .scrollPageUp: return "page_up"
        case .scrollPageDown: return "page_down"
        case .scrollLineUp: return "line_up"
        case .scrollLineDown: return "line_down"
        case let .edit(edit): return edit.name
        }
    }
}

extension SettingsCommand: NamedAction {
    public var name: String {
        switch self {
        case .change: return "change"
        case .reset: return "reset"
        case .close: return "close"
        case let .move(move): return move.name
        case .quit: return "quit"
        }
    }
}

extension SettingsFieldCommand: NamedAction {
    public var name: String {
        switch self {
        case .save: return "save"
        case .cancel: return "cancel"
        case .newline: return "newline"
        case .beginChord: return "editor_chord"
        case let .edit(edit): return edit.name
        }
    }
}

extension PresetChooserCommand: NamedAction {
    public var name: String {
        switch self {
        case .start: return "start"
        case .close: return "close"
        case let .move(move): return move.name
        }
    }
}
