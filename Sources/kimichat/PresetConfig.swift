import ChatCore
import ChatDomain
import Foundation
import TOMLKit

/// `[presets.NAME]` tables of config.toml, checked key by key; an error names the line.
///
///     [presets.poet]
///     model = "kimi-k2.6"
///     system_prompt = "Answer in verse."
///     thinking = false
///     temperature = 0.3          # only sent to models that take it
///     top_p = 0.9
///     reasoning_effort = "low"   # kimi-k3
///     max_tokens = 4096
///     keep_rounds = 5            # 0: everything that fits
///     web_search = true
enum PresetConfig {
    static let knownKeys = ["model", "system_prompt", "thinking", "reasoning_effort", "temperature", "top_p",
                            "max_tokens", "keep_rounds", "web_search"]

    static func parse(_ value: TOMLValueConvertible, text: String, path: String) throws -> [Preset] {
        guard let presets = value.table else {
            throw CommandFailure("\(path) line \(ConfigLines.header("presets", in: text) ?? 1): presets must be tables, "
                + "one per preset: [presets.NAME].")
        }
        // In the file's order, as the chooser lists them.
        let names = presets.keys.sorted {
            ConfigLines.line(of: nil, inTable: "presets.\($0)", in: text) < ConfigLines.line(of: nil, inTable: "presets.\($1)", in: text)
        }
        return try names.map { name in
            let line = { (key: String?) in ConfigLines.line(of: key, inTable: "presets.\(name)", in: text) }
            guard let table = presets[name]?.table else {
                throw CommandFailure("\(path) line \(line(nil)): presets.\(name) must be a table: [presets.\(name)].")
            }
            func fail(_ key: String, _ what: String) -> CommandFailure {
                CommandFailure("\(path) line \(line(key)): presets.\(name).\(key) \(what).")
            }
            if let unknown = table.keys.sorted().first(where: { !knownKeys.contains($0) }) {
                throw fail(unknown, "is not a setting a preset has (known: \(knownKeys.joined(separator: ", ")))")
            }
            func number(_ key: String, _ range: ClosedRange<Double>) throws -> Double? {
                guard let value = table[key] else { return nil }
                guard let number = value.double ?? value.int.map(Double.init), range.contains(number) else {
                    throw fail(key, "must be a number from \(SettingsRules.number(range.lowerBound)) to "
                        + SettingsRules.number(range.upperBound))
                }
                return number
            }
            func whole(_ key: String, from lowest: Int) throws -> Int? {
                guard let value = table[key] else { return nil }
                guard let number = value.int, number >= lowest else {
                    throw fail(key, "must be a whole number, \(lowest) or more")
                }
                return number
            }
            func flag(_ key: String) throws -> Bool? {
                guard let value = table[key] else { return nil }
                guard let flag = value.bool else { throw fail(key, "must be true or false") }
                return flag
            }
            func string(_ key: String) throws -> String? {
                guard let value = table[key] else { return nil }
                guard let text = value.string else { throw fail(key, "must be a string in quotes") }
                return text
            }
            var effort: ReasoningEffort?
            if let level = try string("reasoning_effort") {
                guard let known = ReasoningEffort(rawValue: level) else {
                    throw fail("reasoning_effort", "must be \"low\", \"high\" or \"max\", not “\(level)”")
                }
                effort = known
            }
            let settings = ConversationSettings(
                systemPrompt: try string("system_prompt"), thinking: try flag("thinking"), reasoningEffort: effort,
                temperature: try number("temperature", 0...1), topP: try number("top_p", 0.01...1),
                maxTokens: try whole("max_tokens", from: 16), historyRounds: try whole("keep_rounds", from: 0))
            return Preset(name: name, model: try string("model").flatMap { $0.isEmpty ? nil : $0 }, settings: settings,
                          webSearch: try flag("web_search"))
        }
    }
}

/// Where things are in config.toml's text, for messages: TOML values carry no line
/// numbers, so the file is read again for the header and the key.
enum ConfigLines {
    /// The file's lines, without comments, and blank inside multi-line strings (a line
    /// starting with `[` there is text, not a table).
    static func lines(_ text: String) -> [String] {
        var inString = false
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { raw in
            let line = String(raw)
            let quotes = line.components(separatedBy: "\"\"\"").count - 1 + line.components(separatedBy: "\'\'\'").count - 1
            defer { if quotes % 2 == 1 { inString.toggle() } }
            if inString { return "" }
            guard let hash = line.firstIndex(of: "#"), !line[..<hash].contains("\"") else { return line }
            return String(line[..<hash])
        }
    }

    /// The line of `[NAME]` (or the first `[NAME.…]`).
    static func header(_ name: String, in text: String) -> Int? {
        for (index, line) in lines(text).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed == "[\(name)]" || trimmed.hasPrefix("[\(name).") { return index + 1 }
            if trimmed.hasPrefix(name), trimmed.dropFirst(name.count).trimmingCharacters(in: .whitespaces).hasPrefix("=") {
                return index + 1
            }
        }
        return nil
    }

    /// The line of `key = …` under `[table]`, else the table's header line, else 1.
    static func line(of key: String?, inTable table: String, in text: String) -> Int {
        // "" is the top of the file, before any table.
        var inside = table.isEmpty
        var headerLine: Int?
        for (index, line) in lines(text).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("[") {
                inside = trimmed == "[\(table)]" || trimmed == "[ \(table) ]"
                if inside { headerLine = index + 1 }
                continue
            }
            guard inside, let key else { continue }
            let name = trimmed.split(separator: "=", maxSplits: 1).first.map { $0.trimmingCharacters(in: .whitespaces) }
            if name == key || name == "\"\(key)\"" { return index + 1 }
        }
        return headerLine ?? 1
    }
}
