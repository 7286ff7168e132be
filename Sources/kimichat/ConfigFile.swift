import ChatCore
import ChatViews
import Foundation
import TOMLKit

/// `$XDG_CONFIG_HOME/kimichat/config.toml` (or `--config PATH`):
///
///     model = "kimi-k2.6"            # new conversations start with it
///     system_prompt = "Be brief."
///     base_url = "https://api.moonshot.cn/v1"
///     theme = "light"                # or "dark", the default
///     [history]
///     keep_rounds = 10               # only the last 10 rounds; unset: all that fits
///
/// A missing file is no error; a broken one is, with the line and what to fix.
struct ConfigFile: Equatable {
    var model: String?
    var systemPrompt: String?
    var baseURL: String?
    var keepRounds: Int?
    /// "dark" (the default) or "light"; NO_COLOR beats it.
    var theme: String?

    static let knownKeys: Set<String> = ["model", "system_prompt", "base_url", "history", "theme"]

    static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let configHome = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (NSHomeDirectory() as NSString).appendingPathComponent(".config")
        return (configHome as NSString).appendingPathComponent("kimichat/config.toml")
    }

    /// Reads the file at `path`; `explicit` (given with --config) must exist.
    static func load(path: String, explicit: Bool) throws -> ConfigFile {
        guard FileManager.default.fileExists(atPath: path) else {
            if explicit { throw CommandFailure("the config file \(path) does not exist.") }
            return ConfigFile()
        }
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw CommandFailure("could not read the config file \(path) (it must be UTF-8 text).")
        }
        return try parse(text, path: path)
    }

    static func parse(_ text: String, path: String) throws -> ConfigFile {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw CommandFailure("\(path) line \(error.source.begin.line): \(error.description)")
        }
        if let unknown = table.keys.first(where: { !knownKeys.contains($0) }) {
            throw CommandFailure("\(path): unknown setting “\(unknown)” (known: \(knownKeys.sorted().joined(separator: ", "))).")
        }
        var config = ConfigFile()
        config.model = try string(table, "model", path)
        config.systemPrompt = try string(table, "system_prompt", path)
        config.baseURL = try string(table, "base_url", path)
        config.theme = try string(table, "theme", path)
        if let theme = config.theme, Theme.named(theme) == nil {
            throw CommandFailure("\(path): theme must be \"dark\" or \"light\", not “\(theme)”.")
        }
        if let history = table["history"] {
            guard let section = history.table else { throw CommandFailure("\(path): history must be a [history] table.") }
            if let unknown = section.keys.first(where: { $0 != "keep_rounds" }) {
                throw CommandFailure("\(path): unknown setting “history.\(unknown)” (known: history.keep_rounds).")
            }
            if let rounds = section["keep_rounds"] {
                guard let count = rounds.int, count >= 0 else {
                    throw CommandFailure("\(path): history.keep_rounds must be a whole number of rounds, 0 or more.")
                }
                config.keepRounds = count
            }
        }
        return config
    }

    private static func string(_ table: TOMLTable, _ key: String, _ path: String) throws -> String? {
        guard let value = table[key] else { return nil }
        guard let text = value.string else { throw CommandFailure("\(path): \(key) must be a string in quotes.") }
        return text.isEmpty ? nil : text
    }

    var historyPolicy: HistoryPolicy {
        keepRounds.map(HistoryPolicy.keepRounds) ?? .fitContextWindow
    }
}
