/// Every key table with its heading, in the order help (F1) and docs/keys.md show
/// them: a binding added to a table is in both without another edit.
public enum KeyTables {
    public struct Section: Sendable, Equatable {
        public let title: String
        public let entries: [KeyHelpEntry]
        /// What the keys not in the table do, when that needs saying.
        public let note: String?
    }

    public static let sections = sections(with: .standard)

    /// The sections with the chat's keys as `keys` has them (`[keys]` of config.toml).
    public static func sections(with keys: ChatKeyTable, overlays: OverlayKeyTables = .standard) -> [Section] { [
        Section(title: "Chat", entries: KeyHelpEntry.entries(keys.bindings),
                note: "Typed characters go to the input; a bracketed paste never sends."),
        Section(title: "Attaching a file (Alt-A)", entries: KeyHelpEntry.entries(overlays.attach.bindings),
                note: "Typed characters go into the path; ~ is your home folder. A pasted path of a file offers "
                    + "to attach it (Enter)."),
        Section(title: "After " + (keys.bindings.first { $0.command == .beginChord }?.label ?? "Ctrl-X"),
                entries: KeyHelpEntry.entries(keys.chordBindings),
                note: "Letters work with or without Shift."),
        Section(title: "Finding in the conversation (F3)", entries: KeyHelpEntry.entries(overlays.find.bindings),
                note: "Typed characters go into the text. A hit is a message of the branch shown, read yet or not."),
        Section(title: "Outline (Ctrl-X T)", entries: KeyHelpEntry.entries(overlays.outline.bindings),
                note: "Letters go to the filter. ● marks the questions of the branch shown."),
        Section(title: "Conversation list (Ctrl-O)", entries: KeyHelpEntry.entries(overlays.list.bindings),
                note: "Letters go to the filter."),
        Section(title: "Renaming a conversation (F2 in the list)", entries: KeyHelpEntry.entries(overlays.rename.bindings),
                note: "Typed characters go into the title."),
        Section(title: "Deleting a conversation (Del in the list)",
                entries: KeyHelpEntry.entries(DeleteKeyMap.bindings)
                    + [KeyHelpEntry(keys: DeleteKeyMap.otherKeys.label, summary: DeleteKeyMap.otherKeys.summary)],
                note: nil),
        Section(title: "Settings (Alt-S)", entries: KeyHelpEntry.entries(overlays.settings.bindings),
                note: "Fixed settings are shown as such: the model decides them, and nothing is sent."),
        Section(title: "Typing a setting (Enter in Alt-S)", entries: KeyHelpEntry.entries(overlays.settingsField.bindings),
                note: "Allowed values are shown beside the field; an empty value means the default."),
        Section(title: "Starting from a preset (Ctrl-N, when config.toml has presets)",
                entries: KeyHelpEntry.entries(overlays.presets.bindings),
                note: "The first line is the default: Enter on it starts a conversation as Ctrl-N does without presets."),
        Section(title: "Model picker (Ctrl-T)", entries: KeyHelpEntry.entries(overlays.picker.bindings),
                note: "Letters go to the filter."),
        Section(title: "Help (F1)", entries: KeyHelpEntry.entries(overlays.help.bindings), note: nil),
    ] }
}
