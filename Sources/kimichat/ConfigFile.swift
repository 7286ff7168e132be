import ChatCore
import ChatViews
import Foundation
import Persistence
import TOMLKit

/// `$XDG_CONFIG_HOME/kimichat/config.toml` (or `--config PATH`):
///
///     model = "kimi-k2.6"            # new conversations start with it
///     system_prompt = "Be brief."
///     base_url = "https://api.moonshot.cn/v1"
///     theme = "light"                # or "dark", the default
///     api_key = "sk-…"               # MOONSHOT_API_KEY beats it; keep the file private (chmod 600)
///     [history]
///     keep_rounds = 10               # only the last 10 rounds; unset: all that fits
///     [network]
///     connect_timeout = 10           # seconds to connect
///     response_timeout = 300         # seconds to the response head (thinking models are slow)
///     idle_timeout = 120             # seconds of silence in a stream before it counts as stalled
///     max_attempts = 4               # tries before the first token (1: never retry)
///     retry_delay = 1.0              # the first wait between tries; it doubles each time
///     ca_file = "/etc/corp/ca.pem"   # a private CA, trusted besides the system's (as SSL_CERT_FILE)
///     proxy = "http://proxy:3128"    # beats HTTPS_PROXY/ALL_PROXY; "" for none
///     [presets.poet]                 # Ctrl-N offers it; --preset poet starts with it
///     system_prompt = "Answer in verse."   # and model, thinking, temperature, … (`PresetConfig`)
///
/// A missing file is no error; a broken one is, with the line and what to fix.
struct ConfigFile: Equatable {
    var model: String?
    var apiKey: String?
    var network = NetworkSettings()
    /// Set when the file holds a key and others may read it.
    var permissionWarning: String?
    var systemPrompt: String?
    var baseURL: String?
    var keepRounds: Int?
    /// "dark" (the default) or "light"; NO_COLOR beats it.
    var theme: String?
    /// `[presets.NAME]`, by name.
    var presets: [Preset] = []
    /// The chat's keys with `[keys]` applied, and the overlays' with `[keys.CONTEXT]`.
    var keys = ChatKeyTable.standard
    var overlayKeys = OverlayKeyTables.standard
    /// `[ui] mouse`: false leaves the mouse to the terminal.
    var mouse = true

    static let knownKeys: Set<String> = ["model", "system_prompt", "base_url", "history", "theme", "api_key", "network",
                                         "presets", "keys", "ui"]

    static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        UserFolders(environment: environment).configPath
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
        var config = try parse(text, path: path)
        // The file itself, not a link to it (dotfile managers link config files).
        let file = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        if config.apiKey != nil, let mode = try? FileManager.default.attributesOfItem(atPath: file)[.posixPermissions]
            as? Int, mode & 0o044 != 0 {
            config.permissionWarning = "\(file) holds your API key and other users can read it (mode "
                + String(mode & 0o777, radix: 8) + "). Run: chmod 600 \(file)"
        }
        return config
    }

    static func parse(_ text: String, path: String) throws -> ConfigFile {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw CommandFailure("\(path) line \(error.source.begin.line): \(TOMLWording.plain(error.description))")
        }
        // Every mistake at once: fixing one to meet the next wastes the user's time.
        var problems: [String] = []
        func attempt(_ body: () throws -> Void) {
            do { try body() } catch { problems.append("\(error)") }
        }
        func line(_ key: String, in section: String = "") -> String {
            "\(path) line \(ConfigLines.line(of: key, inTable: section, in: text))"
        }
        for unknown in table.keys.sorted() where !knownKeys.contains(unknown) {
            problems.append("\(line(unknown)): unknown setting “\(unknown)” (known: "
                + knownKeys.sorted().joined(separator: ", ") + ").")
        }
        var config = ConfigFile()
        attempt { config.model = try string(table, "model", line("model")) }
        attempt { config.systemPrompt = try string(table, "system_prompt", line("system_prompt")) }
        attempt { config.baseURL = try string(table, "base_url", line("base_url")) }
        attempt { config.theme = try string(table, "theme", line("theme")) }
        attempt { config.apiKey = try string(table, "api_key", line("api_key"))?.trimmingCharacters(in: .whitespacesAndNewlines) }
        attempt {
            if let network = table["network"] {
                guard let section = network.table else { throw CommandFailure("\(line("network")): network must be a [network] table.") }
                config.network = try NetworkSettings(section, path: path)
            }
        }
        attempt { if let presets = table["presets"] { config.presets = try PresetConfig.parse(presets, text: text, path: path) } }
        attempt {
            if let keys = table["keys"] { (config.keys, config.overlayKeys) = try KeysConfig.parse(keys, text: text, path: path) }
        }
        attempt {
            guard let ui = table["ui"] else { return }
            guard let section = ui.table else {
                throw CommandFailure("\(path) line \(ConfigLines.header("ui", in: text) ?? 1): ui must be a [ui] table.")
            }
            if let unknown = section.keys.first(where: { $0 != "mouse" }) {
                throw CommandFailure("\(line(unknown, in: "ui")): unknown setting “ui.\(unknown)” (known: ui.mouse).")
            }
            if let mouse = section["mouse"] {
                guard let flag = mouse.bool else { throw CommandFailure("\(line("mouse", in: "ui")): ui.mouse must be true or false.") }
                config.mouse = flag
            }
        }
        if let theme = config.theme, Theme.named(theme) == nil {
            problems.append("\(line("theme")): theme must be \"dark\" or \"light\", not “\(theme)”.")
        }
        attempt {
            guard let history = table["history"] else { return }
            guard let section = history.table else { throw CommandFailure("\(line("history")): history must be a [history] table.") }
            if let unknown = section.keys.first(where: { $0 != "keep_rounds" }) {
                throw CommandFailure("\(line(unknown, in: "history")): unknown setting “history.\(unknown)” (known: history.keep_rounds).")
            }
            if let rounds = section["keep_rounds"] {
                guard let count = rounds.int, count >= 0 else {
                    throw CommandFailure("\(line("keep_rounds", in: "history")): history.keep_rounds must be a whole number of rounds, 0 or more.")
                }
                config.keepRounds = count
            }
        }
        if problems.count == 1 { throw CommandFailure(problems[0]) }
        if problems.count > 1 {
            // In the file's order.
            func lineNumber(_ problem: String) -> Int {
                guard let range = problem.range(of: " line ") else { return 0 }
                return Int(problem[range.upperBound...].prefix { $0.isNumber }) ?? 0
            }
            let ordered = problems.enumerated().sorted { (lineNumber($0.element), $0.offset) < (lineNumber($1.element), $1.offset) }
            throw CommandFailure("\(problems.count) problems in the config file:\n  "
                + ordered.map(\.element).joined(separator: "\n  "))
        }
        return config
    }

    private static func string(_ table: TOMLTable, _ key: String, _ place: String) throws -> String? {
        guard let value = table[key] else { return nil }
        guard let text = value.string else { throw CommandFailure("\(place): \(key) must be a string in quotes.") }
        return text.isEmpty ? nil : text
    }

    var historyPolicy: HistoryPolicy {
        keepRounds.map(HistoryPolicy.keepRounds) ?? .fitContextWindow
    }
}
