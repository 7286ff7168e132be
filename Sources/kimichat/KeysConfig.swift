import ChatCore
import TOMLKit

/// `[keys]` of config.toml: the chat's actions by name, each with a key or a list of keys.
///
///     [keys]
///     send = "Alt-Enter"
///     newline = "Enter"
///     new_conversation = ["Ctrl-G", "F5"]
///     fork = "Ctrl-X G"
enum KeysConfig {
    /// The chat's table and the overlays' tables, with `[keys]` and `[keys.CONTEXT]` applied.
    static func parse(_ value: TOMLValueConvertible, text: String, path: String) throws
        -> (chat: ChatKeyTable, overlays: OverlayKeyTables) {
        guard let table = value.table else {
            throw CommandFailure("\(path) line \(ConfigLines.header("keys", in: text) ?? 1): keys must be a [keys] table.")
        }
        var chat: [ChatKeyTable.Override] = []
        var overlays = OverlayKeyTables.standard
        for name in ordered(table.keys, in: "keys", text: text) {
            guard let entry = table[name] else { continue }
            if let context = entry.table {
                let line = ConfigLines.header("keys.\(name)", in: text) ?? 1
                let overrides = try self.overrides(context, table: "keys.\(name)", text: text, path: path)
                do {
                    overlays = try overlays.rebinding(name, overrides, line: line)
                } catch {
                    throw CommandFailure("\(path) line \(error.line): \(error.message).")
                }
            } else {
                chat.append(try override(name, entry, table: "keys", text: text, path: path))
            }
        }
        do {
            return (try ChatKeyTable.standard.rebinding(chat), overlays)
        } catch {
            throw CommandFailure("\(path) line \(error.line): \(error.message).")
        }
    }

    private static func overrides(_ table: TOMLTable, table name: String, text: String, path: String) throws
        -> [ChatKeyTable.Override] {
        try ordered(table.keys, in: name, text: text).compactMap { key in
            guard let entry = table[key] else { return nil }
            return try override(key, entry, table: name, text: text, path: path)
        }
    }

    private static func override(_ name: String, _ entry: TOMLValueConvertible, table: String, text: String,
                                 path: String) throws -> ChatKeyTable.Override {
        let line = ConfigLines.line(of: name, inTable: table, in: text)
        let keys: [String]
        if let one = entry.string {
            keys = [one]
        } else if let many = entry.array, many.allSatisfy({ $0.string != nil }) {
            keys = many.compactMap(\.string)
        } else {
            throw CommandFailure("\(path) line \(line): \(table).\(name) must be a key in quotes, or a list of them.")
        }
        return ChatKeyTable.Override(name: name, keys: keys, line: line)
    }

    /// In the file's order, so the first mistake reported is the first in the file.
    private static func ordered(_ names: [String], in table: String, text: String) -> [String] {
        names.sorted { ConfigLines.line(of: $0, inTable: table, in: text) < ConfigLines.line(of: $1, inTable: table, in: text) }
    }
}
