import ArgumentParser
import ChatDomain
import Persistence

/// `kimichat show ID`: a saved conversation as plain text.
struct ShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Print a saved conversation as plain text."
    )

    @OptionGroup var options: GlobalOptions

    @Argument(help: "The conversation's id (see `kimichat list`).")
    var id: Int64

    func run() async throws {
        do {
            let store = try ConversationDatabase.openForReading(options)
            StandardOutput().write(ConversationExport.plainText(try ConversationDatabase.load(id, from: store)))
        } catch {
            CommandFailure.report(error)
        }
    }
}
