import Foundation

/// The base folders kimichat keeps its files in, from an environment: each XDG
/// variable when it is set to an absolute path, else the folder under `$HOME`.
/// `NSHomeDirectory()` is only the last resort, when HOME is unset or empty: on Linux
/// it reads the password file first, so `HOME=/tmp/x kimichat` would otherwise still
/// use the account's real home and its conversations.
public struct UserFolders: Sendable, Equatable {
    /// `$HOME`, or the account's home when HOME is unset or empty.
    public let home: String
    public let data: String
    public let config: String
    public let state: String
    public let cache: String

    public init(environment: [String: String] = ProcessInfo.processInfo.environment,
                accountHome: () -> String = NSHomeDirectory) {
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? accountHome()
        self.home = home
        func folder(_ variable: String, _ fallback: String) -> String {
            // The XDG spec: a relative path is invalid and must be ignored.
            if let value = environment[variable], value.hasPrefix("/") { return value }
            return (home as NSString).appendingPathComponent(fallback)
        }
        data = folder("XDG_DATA_HOME", ".local/share")
        config = folder("XDG_CONFIG_HOME", ".config")
        state = folder("XDG_STATE_HOME", ".local/state")
        cache = folder("XDG_CACHE_HOME", ".cache")
    }

    /// `$XDG_DATA_HOME/kimichat/kimichat.sqlite`.
    public var databasePath: String { Self.join(data, "kimichat/kimichat.sqlite") }
    /// `$XDG_CONFIG_HOME/kimichat/config.toml`.
    public var configPath: String { Self.join(config, "kimichat/config.toml") }
    /// `$XDG_STATE_HOME/kimichat/kimichat.log`.
    public var logPath: String { Self.join(state, "kimichat/kimichat.log") }
    /// `$XDG_CACHE_HOME/kimichat/models.json`.
    public var modelCachePath: String { Self.join(cache, "kimichat/models.json") }

    private static func join(_ base: String, _ tail: String) -> String {
        (base as NSString).appendingPathComponent(tail)
    }
}
