/// The key tables as Markdown: docs/keys.md (the standard keys) and `kimichat keys`
/// (the keys this user has, with `[keys]` of config.toml applied).
public enum KeysDocument {
    public static func markdown(_ keys: ChatKeyTable = .standard, overlays: OverlayKeyTables = .standard) -> String {
        """
        # Keys

        Written from the key tables in `Sources/ChatCore` (`KeyMap`, `ChordKeyMap`,
        `OutlineKeyMap`, `ListKeyMap`, `RenameKeyMap`, `DeleteKeyMap`, `PickerKeyMap`,
        `HelpKeyMap`, `FindKeyMap`; the outline, the list and the picker share `FilterKeyMap`'s rows)
        by `KeyMapDocumentTests`; F1 in kimichat shows
        the same tables, and the footers' key hints come from them too. No key means two
        things in one context: a test checks each table. In the outline, the conversation
        list and the model picker, letters always go to the filter.

        `[keys]` in config.toml gives the chat's actions keys of your own, by these names
        (`send = "Alt-Enter"`, `newline = "Enter"`, `fork = "Ctrl-X G"`; a list gives several
        keys), and `[keys.CONTEXT]` those of an overlay (`[keys.list]` `rename = "F6"`);
        `kimichat keys` prints this page with them.

        \(names(keys))

        \(overlayNames(overlays))


        """ + String(KeyTables.sections(with: keys, overlays: overlays).map(section).joined().dropLast())
    }

    /// The action names `[keys]` takes, with their keys now.
    static func names(_ keys: ChatKeyTable) -> String {
        var rows: [String] = []
        var seen: Set<String> = []
        for binding in keys.bindings where seen.insert(binding.command.name).inserted {
            let all = keys.bindings.filter { $0.command == binding.command }.map(\.label).joined(separator: ", ")
            rows.append("| `\(binding.command.name)` | \(all) | \(binding.summary) |")
        }
        for binding in keys.chordBindings where seen.insert(binding.command.name).inserted {
            let all = keys.chordBindings.filter { $0.command == binding.command }.map(\.label)
            var unique: [String] = []
            for label in all where !unique.contains(label) { unique.append(label) }
            rows.append("| `\(binding.command.name)` | \(unique.joined(separator: ", ")) | \(binding.summary) |")
        }
        return "| action (`[keys]`) | keys | what it does |\n| --- | --- | --- |\n" + rows.joined(separator: "\n")
    }

    /// Each overlay's action names, under the name of its `[keys.CONTEXT]` table.
    static func overlayNames(_ tables: OverlayKeyTables) -> String {
        func rows<Action: NamedAction>(_ table: ContextKeyTable<Action>) -> String {
            table.actionNames.map { name in
                "`\(name)` (" + table.bindings.filter { $0.command.name == name }.map(\.label).joined(separator: ", ") + ")"
            }.joined(separator: ", ")
        }
        let contexts: [(String, String)] = [
            ("list", rows(tables.list)), ("rename", rows(tables.rename)), ("picker", rows(tables.picker)),
            ("outline", rows(tables.outline)), ("help", rows(tables.help)), ("attach", rows(tables.attach)),
            ("settings", rows(tables.settings)), ("settings_field", rows(tables.settingsField)),
            ("presets", rows(tables.presets)), ("find", rows(tables.find)),
        ]
        return "| `[keys.CONTEXT]` | actions (keys) |\n| --- | --- |\n"
            + contexts.map { "| `\($0.0)` | \($0.1) |" }.joined(separator: "\n")
    }

    static func table(_ entries: [KeyHelpEntry]) -> String {
        "| key | action |\n| --- | --- |\n" + entries.map { "| \($0.keys) | \($0.summary) |" }.joined(separator: "\n")
    }

    static func section(_ section: KeyTables.Section) -> String {
        "## \(section.title)\n\n\(table(section.entries))\n\n" + (section.note.map { $0 + "\n\n" } ?? "")
    }
}
