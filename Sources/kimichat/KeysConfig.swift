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
    static func parse(_ value: TOMLValueConvertible, text: String, path: String) throws -> ChatKeyTable {
        guard let table = value.table else {
            throw CommandFailure("\(path) line \(ConfigLines.header("keys", in: text) ?? 1): keys must be a [keys] table.")
        }
        var overrides: [ChatKeyTable.Override] = []
        for name in table.keys.sorted(by: { ConfigLines.line(of: $0, inTable: "keys", in: text)
            < ConfigLines.line(of: $1, inTable: "keys", in: text) }) {
            let line = ConfigLines.line(of: name, inTable: "keys", in: text)
            guard let entry = table[name] else { continue }
            let keys: [String]
            if let one = entry.string {
                keys = [one]
            } else if let many = entry.array, many.allSatisfy({ $0.string != nil }) {
                keys = many.compactMap(\.string)
            } else {
                throw CommandFailure("\(path) line \(line): keys.\(name) must be a key in quotes, or a list of them.")
            }
            overrides.append(ChatKeyTable.Override(name: name, keys: keys, line: line))
        }
        do {
            return try ChatKeyTable.standard.rebinding(overrides)
        } catch {
            throw CommandFailure("\(path) line \(error.line): \(error.message).")
        }
    }
}
