import ChatDomain
import Foundation

/// A saved kimi-cli session: `~/.kimi/sessions/<work dir hash>/<session id>/` holds
/// `context.jsonl` (the conversation as sent to the model, one JSON record a line),
/// `wire.jsonl` (the UI's event log, each record with a `timestamp`) and `state.json`
/// (its `custom_title`; older versions kept a `title` in `metadata.json`).
///
/// It becomes one linear conversation of the questions and the answers: the agent's
/// steps between a question and its answer (assistant messages calling tools, and the
/// tools' results) are one answer — the text the assistant wrote along the way, its
/// thinking as reasoning — and the tool calls and results themselves are left out
/// (they are the agent's working, often whole files, and a chat model sent them back
/// as plain turns would take them for things said). kimi-cli's bookkeeping records and
/// the notes it adds to user messages (checkpoints, reminders) are left out too.
/// Only the current context is read: the `context_N.jsonl` files beside it are
/// contexts set aside by /clear, /compact or an undo.
struct KimiCLISession: Equatable, Sendable {
    let id: String
    let contextFile: String
    /// The session folder, where `state.json` and `wire.jsonl` may be; nil for a
    /// context file given alone under another name.
    let folder: String?

    /// The sessions under `path`: a context file, a session folder, or a folder of them
    /// (a work directory's, all of `~/.kimi/sessions`, or `~/.kimi`). Sub-agents' contexts
    /// (in a session's `subagents` folder) are not sessions of their own.
    static func find(at path: String, isFolder: Bool) -> [KimiCLISession] {
        let url = URL(fileURLWithPath: path)
        if !isFolder {
            let name = url.lastPathComponent
            if name == "context.jsonl" {
                let folder = url.deletingLastPathComponent()
                return [KimiCLISession(id: folder.lastPathComponent, contextFile: path, folder: folder.path)]
            }
            return [KimiCLISession(id: url.deletingPathExtension().lastPathComponent, contextFile: path, folder: nil)]
        }
        let own = url.appendingPathComponent("context.jsonl")
        if FileManager.default.fileExists(atPath: own.path) {
            return [KimiCLISession(id: url.lastPathComponent, contextFile: own.path, folder: url.path)]
        }
        var sessions: [KimiCLISession] = []
        guard let walk = FileManager.default.enumerator(at: url, includingPropertiesForKeys: [.isDirectoryKey]) else {
            return []
        }
        while let item = walk.nextObject() as? URL {
            let name = item.lastPathComponent
            if name == "subagents" || name == "node_modules" || name.hasPrefix(".") { walk.skipDescendants(); continue }
            if name == "context.jsonl" {
                let folder = item.deletingLastPathComponent()
                sessions.append(KimiCLISession(id: folder.lastPathComponent, contextFile: item.path, folder: folder.path))
            }
        }
        return sessions.sorted { $0.contextFile < $1.contextFile }
    }

    /// The session as a conversation, how many records were left out, and whether any
    /// line was a kimi-cli record at all (a file with none is not a context file).
    func read(decoder: JSONDecoder = JSONDecoder()) throws(ImportError)
        -> (conversation: ImportedConversation?, skipped: Int, records: Int) {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: contextFile)) } catch {
            throw FileManager.default.fileExists(atPath: contextFile)
                ? ImportError.unreadable(path: contextFile, reason: "permission denied, or not a file")
                : ImportError.missing(path: contextFile)
        }
        var messages: [StoredMessage] = []
        var skipped = 0
        var records = 0
        // The answer being put together from the agent's steps since the last question.
        var answer: (text: [String], reasoning: [String], steps: Int)?
        func append(_ message: StoredMessage) {
            var message = message
            message.id = StoredMessageID(messages.count + 1)
            message.parentID = messages.last?.id
            messages.append(message)
        }
        func finishAnswer() {
            guard let pending = answer else { return }
            answer = nil
            let text = pending.text.joined(separator: "\n\n")
            guard text.contains(where: { !$0.isWhitespace }) else { skipped += pending.steps; return }
            append(StoredMessage(role: .assistant, text: text, reasoning: pending.reasoning.joined(separator: "\n\n")))
        }
        for line in data.split(separator: UInt8(ascii: "\n")) where line.contains(where: { $0 > 0x20 }) {
            guard let record = try? decoder.decode(KimiCLIRecord.self, from: line), let role = record.role else {
                skipped += 1
                continue
            }
            records += 1
            switch role {
            case "user":
                finishAnswer()
                if record.hasText { append(StoredMessage(role: .user, text: record.text)) } else { skipped += 1 }
            case "assistant":
                var pending = answer ?? ([], [], 0)
                if record.hasText { pending.text.append(record.text) }
                if !record.reasoning.isEmpty { pending.reasoning.append(record.reasoning) }
                pending.steps += 1
                answer = pending
            case let role where role.hasPrefix("_"):
                break // bookkeeping: the system prompt, checkpoints, token counts
            default:
                skipped += 1 // tool results, system messages
            }
        }
        finishAnswer()
        guard !messages.isEmpty else { return (nil, skipped, records) }

        let modified = Self.modificationDate(contextFile) ?? Date(timeIntervalSince1970: 0)
        let started = folder.flatMap { Self.firstTimestamp(inWire: ($0 as NSString).appendingPathComponent("wire.jsonl")) }
        let created = min(started ?? modified, modified)
        let title = folder.flatMap(Self.savedTitle)
            ?? ConversationTitle.derived(from: messages.first { $0.role == .user }?.text ?? "")
        let conversation = ImportedConversation(
            source: ImportSource(kind: ImportSource.kimiCLI, id: id), title: title, createdAt: created,
            updatedAt: modified, messages: messages, currentLeaf: messages.last?.id)
        return (conversation, skipped, records)
    }

    /// The title the user gave the session: `state.json`'s `custom_title`, else an older
    /// kimi-cli's `metadata.json` `title` (unless it is the placeholder "Untitled").
    static func savedTitle(folder: String) -> String? {
        struct Titles: Decodable {
            var title: String?
            init(from decoder: any Decoder) throws {
                let container = try decoder.container(keyedBy: Keys.self)
                title = container.lenient(String.self, .customTitle) ?? container.lenient(String.self, .title)
            }
            enum Keys: String, CodingKey {
                case title
                case customTitle = "custom_title"
            }
        }
        for name in ["state.json", "metadata.json"] {
            let file = URL(fileURLWithPath: folder).appendingPathComponent(name)
            guard let data = try? Data(contentsOf: file), let titles = try? JSONDecoder().decode(Titles.self, from: data),
                  let title = titles.title?.trimmingCharacters(in: .whitespacesAndNewlines),
                  !title.isEmpty, title != "Untitled" else { continue }
            return title
        }
        return nil
    }

    /// When the session started: the first timestamped record of its `wire.jsonl` (read
    /// from the file's first 64 KiB only; the log can be long).
    static func firstTimestamp(inWire path: String) -> Date? {
        struct Stamped: Decodable { var timestamp: Double }
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        guard let head = try? handle.read(upToCount: 65_536) else { return nil }
        for line in head.split(separator: UInt8(ascii: "\n")) {
            if let stamped = try? JSONDecoder().decode(Stamped.self, from: line) {
                return Date(timeIntervalSince1970: stamped.timestamp)
            }
        }
        return nil
    }

    static func modificationDate(_ path: String) -> Date? {
        (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date
    }
}
