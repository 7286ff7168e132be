import ArgumentParser

/// What the command line said about where to connect, what to send and where to store.
/// Each command declares only the option groups below that it reads, so that its help
/// lists no option it would ignore; this gathers them for the code that resolves settings.
struct GlobalOptions {
    var baseURL: String?
    var model: String?
    var system: String?
    var db: String?
    var config: String?
    var demo = false

    init(baseURL: BaseURLOption? = nil, model: ModelOption? = nil, system: SystemOption? = nil,
         db: DatabaseOption? = nil, config: ConfigOption? = nil, demo: DemoOption? = nil) {
        self.baseURL = baseURL?.baseURL
        self.model = model?.model
        self.system = system?.system
        self.db = db?.db
        self.config = config?.config
        self.demo = demo?.demo ?? false
    }

    func validate() throws {
        if demo, baseURL != nil {
            throw ValidationError("--demo uses kimichat's built-in server, so it cannot be combined with --base-url.")
        }
    }
}

/// Every group: what the chat and `ask` read, both of them talking to the API about a
/// saved conversation.
struct ConversationOptions: ParsableArguments {
    @OptionGroup var baseURL: BaseURLOption
    @OptionGroup var model: ModelOption
    @OptionGroup var system: SystemOption
    @OptionGroup var database: DatabaseOption
    @OptionGroup var config: ConfigOption
    @OptionGroup var demo: DemoOption

    var options: GlobalOptions {
        GlobalOptions(baseURL: baseURL, model: model, system: system, db: database, config: config, demo: demo)
    }
}

struct BaseURLOption: ParsableArguments {
    @Option(name: .customLong("base-url"), help: "API base URL (default: MOONSHOT_BASE_URL, else \(Defaults.baseURL)).")
    var baseURL: String?
}

struct ModelOption: ParsableArguments {
    @Option(help: "Model to use (default: \(Defaults.model)).")
    var model: String?
}

struct SystemOption: ParsableArguments {
    @Option(help: "System prompt sent first in every request.")
    var system: String?
}

struct DatabaseOption: ParsableArguments {
    @Option(help: "Conversation database file (default: $XDG_DATA_HOME/kimichat/kimichat.sqlite, else under $HOME/.local/share).")
    var db: String?
}

struct ConfigOption: ParsableArguments {
    @Option(help: "Config file (default: $XDG_CONFIG_HOME/kimichat/config.toml).")
    var config: String?
}

struct DemoOption: ParsableArguments {
    @Flag(help: "Use kimichat's built-in offline server: no key, no network; its conversations go to demo.sqlite beside the database.")
    var demo = false
}
