import ArgumentParser

/// kimichat's command line: the TUI by default, `ask` for one turn on stdout.
@main
struct Kimichat: AsyncParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "kimichat",
        abstract: "A fast full-screen terminal chat client for Moonshot's Kimi models.",
        discussion: """
            The API key comes from MOONSHOT_API_KEY; the base URL from --base-url, then \
            MOONSHOT_BASE_URL, then \(Defaults.baseURL). With --demo everything runs against \
            kimichat's built-in offline server, with no key and no network. Conversations are \
            saved in $XDG_DATA_HOME/kimichat/kimichat.sqlite (or --db); the key never is.
            """,
        version: version,
        subcommands: [ChatCommand.self, AskCommand.self, ListCommand.self, ShowCommand.self, ExportCommand.self, ImportCommand.self,
                      RemoveCommand.self, ModelsCommand.self, KeysCommand.self],
        defaultSubcommand: ChatCommand.self
    )
}

enum Defaults {
    static let baseURL = "https://api.moonshot.ai/v1"
    static let model = "kimi-k2.6"
}
