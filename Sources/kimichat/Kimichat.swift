import ArgumentParser
import Foundation

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
                      RemoveCommand.self, ModelsCommand.self, KeysCommand.self, DoctorCommand.self],
        defaultSubcommand: ChatCommand.self
    )

    /// A first word that is not a command but is close to one is taken as a typo
    /// (`kimichat lst` → `list`), not as something for the chat.
    static func main() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if let word = arguments.first, let nearest = CommandSuggestion.nearest(to: word, among: commandNames) {
            let message = "kimichat: there is no command “\(word)”; did you mean “\(nearest)”? (kimichat --help lists them)\n"
            FileHandle.standardError.write(Data(message.utf8))
            Foundation.exit(64)
        }
        if arguments == ["--help"] || arguments == ["-h"] || arguments == ["help"] {
            StandardOutput().write(rootHelp())
            return
        }
        EarlyDatabase.begin(arguments)
        await main(arguments)
    }

    /// The commands, and the chat's own options: `kimichat` alone is the chat, so its
    /// options belong on the first page a person reads.
    static func rootHelp() -> String {
        let root = helpMessage()
        let chat = ChatCommand.helpMessage()
        guard let start = chat.range(of: "OPTIONS:\n"), let end = chat.range(of: "  -h, --help", range: start.upperBound..<chat.endIndex),
              let usage = root.range(of: "USAGE: kimichat <subcommand>\n"), let options = root.range(of: "OPTIONS:\n") else {
            return root
        }
        var page = root
        page.replaceSubrange(options, with: "CHAT OPTIONS (kimichat alone opens the chat):\n" + chat[start.upperBound..<end.lowerBound]
            + "\nOPTIONS:\n")
        page.replaceSubrange(usage, with: "USAGE: kimichat [<chat options>]\n       kimichat <subcommand> [<options>]\n")
        return page
    }

    static var commandNames: [String] {
        (configuration.subcommands.map { $0.configuration.commandName ?? "" } + ["help"]).filter { !$0.isEmpty }
    }
}

/// The command a mistyped word most likely meant.
enum CommandSuggestion {
    /// The nearest name within two edits, when `word` is not a name or an option itself.
    static func nearest(to word: String, among names: [String]) -> String? {
        guard !word.hasPrefix("-"), !names.contains(word) else { return nil }
        let scored = names.map { ($0, distance(word.lowercased(), $0)) }.filter { $0.1 <= 2 && $0.1 < $0.0.count }
        return scored.min { $0.1 < $1.1 }?.0
    }

    /// Levenshtein distance.
    static func distance(_ first: String, _ second: String) -> Int {
        let a = Array(first), b = Array(second)
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1]
            for (j, y) in b.enumerated() {
                current.append(min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1)))
            }
            previous = current
        }
        return previous[b.count]
    }
}

enum Defaults {
    static let baseURL = "https://api.moonshot.ai/v1"
    static let model = "kimi-k2.6"
}
