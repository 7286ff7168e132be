import ArgumentParser
import ChatDomain
import Persistence

/// `kimichat show ID`: a saved conversation's current branch as plain text; with
/// `--tree`, its outline (every branch's questions) instead.
struct ShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Print a saved conversation as plain text (its current branch), or its outline."
    )

    @OptionGroup var databaseOption: DatabaseOption
    @OptionGroup var demoOption: DemoOption

    var options: GlobalOptions { GlobalOptions(db: databaseOption, demo: demoOption) }

    @Argument(help: "The conversation's id (see `kimichat list`).")
    var id: Int64

    @Flag(help: "Print the outline instead: every branch's questions as a tree, one line each, ● on the current branch.")
    var tree = false

    func run() async throws {
        do {
            let store = try ConversationDatabase.openForReading(options)
            let saved = try ConversationDatabase.load(id, from: store)
            StandardOutput().write(tree ? ConversationExport.outline(saved) : ConversationExport.plainText(saved))
        } catch {
            CommandFailure.report(error)
        }
    }
}
