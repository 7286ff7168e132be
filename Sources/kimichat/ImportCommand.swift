import ArgumentParser
import ChatDomain
import Foundation
import Importing
import Persistence

/// `kimichat import FILE`: conversations from ChatGPT's data export or kimi-cli's
/// sessions, each stored as a tree, whole or not at all.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import conversations from ChatGPT's data export or from kimi-cli's sessions.",
        discussion: """
            FILE is ChatGPT's conversations.json or the .zip of its data export; or kimi-cli's \
            context.jsonl, a session folder, or its sessions folder (~/.kimi/sessions). Branches, \
            titles and times are kept; system and tool messages are left out. Importing the same \
            export again adds only what is new.
            """
    )

    @OptionGroup var databaseOption: DatabaseOption
    @OptionGroup var demoOption: DemoOption

    var options: GlobalOptions { GlobalOptions(db: databaseOption, demo: demoOption) }

    @Argument(help: "The export: conversations.json, the ChatGPT export's .zip, or a kimi-cli session or sessions folder.")
    var file: String

    func run() async throws {
        let reader: ImportReader
        let store: ConversationStore
        do {
            // The file first: a wrong path creates no database.
            reader = try ImportReader(path: file)
            store = try ConversationDatabase.open(options)
        } catch let error as ImportError {
            CommandFailure.report(CommandFailure(error.description))
        } catch {
            CommandFailure.report(error)
        }
        var tally = ImportTally()
        let meter = ImportMeter()
        var failure: String?
        do {
            try store.beginBulkWrites()
            // Read and parsed on another thread while this one stores.
            try reader.readAhead(progress: meter.show) { item in
                if let note = try tally.add(item, to: store) { meter.note(note) }
            }
        } catch let error as ImportError {
            failure = error.description
        } catch let error as StorageError {
            failure = error.userMessage
        } catch {
            failure = String(describing: error)
        }
        // What was read before a damaged part is stored all the same.
        do { try tally.flush(to: store) } catch { failure = failure ?? error.userMessage }
        try? store.endBulkWrites()
        meter.finish()
        StandardOutput().write(tally.summary(of: reader))
        if let failure { CommandFailure.report(CommandFailure(failure)) }
        if tally.readNothing { Foundation.exit(1) }
    }
}

/// What an import did, counted as it goes. Conversations are stored in groups of about
/// `batchMessages` messages, each group one transaction (`ConversationStore.importConversations`).
struct ImportTally {
    static let batchMessages = 4_000
    var pending: [(conversation: ImportedConversation, skipped: Int)] = []
    var pendingMessages = 0
    var imported = 0
    var importedMessages = 0
    var skippedMessages = 0
    var already = 0
    var empty = 0
    var unreadable = 0

    /// Stores one item; returns a line for stderr when a conversation is left out.
    mutating func add(_ item: ImportItem, to store: ConversationStore) throws -> String? {
        switch item {
        case let .conversation(conversation, skipped):
            pending.append((conversation, skipped))
            pendingMessages += conversation.messages.count
            if pendingMessages >= Self.batchMessages { try flush(to: store) }
            return nil
        case let .empty(_, skipped):
            empty += 1
            skippedMessages += skipped
            return nil
        case let .unreadable(what, reason):
            unreadable += 1
            return "\(what) left out: it \(reason)."
        }
    }

    /// Stores the conversations waiting, in one transaction.
    mutating func flush(to store: ConversationStore) throws(StorageError) {
        guard !pending.isEmpty else { return }
        let outcomes = try store.importConversations(pending.map(\.conversation))
        for (outcome, (conversation, skipped)) in zip(outcomes, pending) {
            switch outcome {
            case .imported:
                imported += 1
                importedMessages += conversation.messages.count
                skippedMessages += skipped
            case .alreadyImported:
                already += 1
            }
        }
        pending = []
        pendingMessages = 0
    }

    /// Nothing could be read although there was something to read.
    var readNothing: Bool { imported + already + empty == 0 && unreadable > 0 }

    func summary(of reader: ImportReader) -> String {
        let name = (reader.path as NSString).lastPathComponent
        var lines = ["Imported \(Self.count(imported, "conversation")) (\(Self.count(importedMessages, "message"))) "
            + "from the \(reader.formatName) \(name)."]
        var left: [String] = []
        if skippedMessages > 0 { left.append("\(Self.count(skippedMessages, "message")) (system, tool, hidden or without text)") }
        if empty > 0 { left.append("\(Self.count(empty, "conversation")) with nothing to import") }
        if unreadable > 0 { left.append("\(Self.count(unreadable, "conversation")) that could not be read") }
        if !left.isEmpty { lines.append("Left out: " + left.joined(separator: "; ") + ".") }
        if already > 0 {
            lines.append("Already imported: \(Self.count(already, "conversation")), not added again.")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func count(_ number: Int, _ noun: String) -> String {
        let formatted = number.formatted(.number.locale(Locale(identifier: "en_US_POSIX")).grouping(.automatic))
        return "\(formatted) \(noun)\(number == 1 ? "" : "s")"
    }
}

/// Progress on stderr, only when it is a terminal: conversations done (of how many,
/// when known), else how much of the file has been read. At most ten updates a second.
final class ImportMeter {
    private let isTerminal = isatty(STDERR_FILENO) == 1
    private var lastShown = ContinuousClock.now - .seconds(1)
    private var shown = false

    func show(_ progress: ImportProgress) {
        guard isTerminal, ContinuousClock.now - lastShown >= .milliseconds(100) else { return }
        lastShown = ContinuousClock.now
        var line = "Importing: \(progress.done)"
        if let total = progress.total { line += " / \(total)" }
        line += " conversations"
        if let total = progress.totalBytes, total > 0 {
            line += String(format: " · %.0f of %.0f MB read", Double(progress.bytesRead) / 1e6, Double(total) / 1e6)
        }
        write("\r\u{1B}[K" + line)
        shown = true
    }

    /// A line of its own (a conversation left out), the progress line cleared first.
    func note(_ text: String) {
        finish()
        write("kimichat: \(text)\n")
    }

    func finish() {
        if shown { write("\r\u{1B}[K") }
        shown = false
    }

    private func write(_ text: String) {
        try? FileHandle.standardError.write(contentsOf: Data(text.utf8))
    }
}
