import ArgumentParser
import ChatDomain
import Foundation
import Persistence
import TextLayout

/// `kimichat list`: saved conversations, newest first.
struct ListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List saved conversations, newest first."
    )

    @OptionGroup var databaseOption: DatabaseOption
    @OptionGroup var demoOption: DemoOption

    var options: GlobalOptions { GlobalOptions(db: databaseOption, demo: demoOption) }

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    @Option(help: "Only conversations whose title or a message has every word of this text (words by their start; Chinese anywhere).")
    var search: String?

    func run() async throws {
        do {
            let store = try ConversationDatabase.openForReading(options)
            let matches = try store?.conversations(matching: search ?? "", limit: Int.max) ?? []
            // list only reads: the index a schema change asked for is built by the next
            // command that writes (the chat, ask).
            if search != nil, let progress = try store?.searchIndexProgress(), progress.done < progress.total {
                let percent = Int(progress.fraction * 100)
                try? FileHandle.standardError.write(contentsOf: Data(("kimichat: the search index is \(percent)% built, "
                    + "so older messages were not searched; the next kimichat or kimichat ask finishes it.\n").utf8))
            }
            // The demo keeps its own database: say whose conversations these are
            // (not in JSON, which stays a plain array).
            let heading = options.demo && !json
                ? "The demo's conversations (in \(ConversationDatabase.path(options)), apart from your real ones):\n" : ""
            if let search, matches.isEmpty, !json {
                StandardOutput().write(heading + "No conversation matches \(search).\n")
                return
            }
            StandardOutput().write(heading + (json ? try Self.json(matches) : Self.table(matches)))
        } catch {
            CommandFailure.report(error)
        }
    }

    static func table(_ matches: [ConversationMatch]) -> String {
        guard !matches.isEmpty else { return "No saved conversations.\n" }
        let models = max(5, matches.map { DisplayWidth.of($0.summary.model) }.max() ?? 0)
        func pad(_ text: String, _ width: Int) -> String {
            text + String(repeating: " ", count: max(0, width - DisplayWidth.of(text)))
        }
        var out = pad("ID", 6) + pad("UPDATED", 18) + pad("MSGS", 6) + pad("MODEL", models + 2) + "TITLE\n"
        for match in matches {
            let summary = match.summary
            out += pad(String(summary.id), 6) + pad(ConversationExport.timestamp(summary.updatedAt), 18)
                + pad(String(summary.messageCount), 6) + pad(summary.model, models + 2) + summary.title
                + (summary.settings.preset.map { "  [\($0)]" } ?? "") + "\n"
            if let snippet = match.snippet { out += "      " + snippet + "\n" }
        }
        return out
    }

    static func json(_ matches: [ConversationMatch]) throws -> String {
        struct Entry: Encodable {
            var id: Int64
            var title: String
            var model: String
            var created_at: Date
            var updated_at: Date
            /// A count, named as in `export --format json` (where `messages` is the array).
            var message_count: Int
            var snippet: String?
            var preset: String?
        }
        let entries = matches.map { match in
            Entry(id: match.summary.id, title: match.summary.title, model: match.summary.model,
                  created_at: match.summary.createdAt, updated_at: match.summary.updatedAt,
                  message_count: match.summary.messageCount, snippet: match.snippet, preset: match.summary.settings.preset)
        }
        // An empty list is `[]`, not the pretty printer's "[\n\n]".
        return entries.isEmpty ? "[]\n" : try JSONOutput.text(entries)
    }
}
