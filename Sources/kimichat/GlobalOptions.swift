import ArgumentParser

/// Options every command takes.
struct GlobalOptions: ParsableArguments {
    @Option(name: .customLong("base-url"), help: "API base URL (default: MOONSHOT_BASE_URL, else \(Defaults.baseURL)).")
    var baseURL: String?

    @Option(help: "Model to use (default: \(Defaults.model)).")
    var model: String?

    @Option(help: "System prompt sent first in every request.")
    var system: String?

    @Option(help: "Conversation database file (default: $XDG_DATA_HOME/kimichat/kimichat.sqlite, else under $HOME/.local/share).")
    var db: String?

    @Option(help: "Config file (default: $XDG_CONFIG_HOME/kimichat/config.toml).")
    var config: String?

    @Flag(help: "Use kimichat's built-in offline server: no key, no network; its conversations go to demo.sqlite beside the database.")
    var demo = false

    func validate() throws {
        if demo, baseURL != nil {
            throw ValidationError("--demo uses kimichat's built-in server, so it cannot be combined with --base-url.")
        }
    }
}
