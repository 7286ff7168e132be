import ArgumentParser
import ChatDomain
import Persistence

/// `kimichat rm ID`: deletes a saved conversation and its messages.
struct RemoveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rm",
        abstract: "Delete a saved conversation."
    )

    @OptionGroup var databaseOption: DatabaseOption
    @OptionGroup var demoOption: DemoOption

    var options: GlobalOptions { GlobalOptions(db: databaseOption, demo: demoOption) }

    @Argument(help: "The conversation's id (see `kimichat list`).")
    var id: Int64

    func run() async throws {
        do {
            let store = try ConversationDatabase.openExisting(options)
            let saved = try ConversationDatabase.load(id, from: store)
            try store.delete(id)
            StandardOutput().write("Deleted conversation \(id) “\(saved.summary.title)” "
                + "(\(saved.summary.messageCount) messages).\n")
        } catch {
            CommandFailure.report(error)
        }
    }
}
