import ArgumentParser
import ChatDomain
import Foundation
import Persistence

/// `kimichat export ID --format md|json [-o FILE]`.
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export a saved conversation as Markdown or JSON."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case md, json
    }

    @OptionGroup var databaseOption: DatabaseOption
    @OptionGroup var demoOption: DemoOption

    var options: GlobalOptions { GlobalOptions(db: databaseOption, demo: demoOption) }

    @Argument(help: "The conversation's id (see `kimichat list`).")
    var id: Int64

    @Option(help: "md or json.")
    var format: Format = .md

    @Option(name: [.customShort("o"), .long], help: "Write to this file instead of stdout.")
    var output: String?

    func run() async throws {
        do {
            let store = try ConversationDatabase.openForReading(options)
            let saved = try ConversationDatabase.load(id, from: store)
            let text = format == .md ? ConversationExport.markdown(saved) : try ConversationExport.json(saved)
            if let output {
                do {
                    try Data(text.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
                } catch {
                    // Foundation's description ends in a domain and an error number: words instead.
                    let code = ((error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError)?.code
                    throw CommandFailure(FileProblem(path: output, action: "write", code: Int32(code ?? Int(EIO)))
                        .description + ".")
                }
            } else {
                // Exact to a pipe or file; control characters made inert on a terminal.
                StandardOutput().write(text)
            }
        } catch {
            CommandFailure.report(error)
        }
    }
}
