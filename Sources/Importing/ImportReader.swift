import ChatDomain
import Foundation

/// What reading an export gives, one conversation at a time.
public enum ImportItem: Sendable {
    /// A conversation to store, and how many of its messages were left out (system,
    /// tool and hidden messages, ones without text).
    case conversation(ImportedConversation, skippedMessages: Int)
    /// A conversation with nothing to import in it.
    case empty(what: String, skippedMessages: Int)
    /// A conversation that could not be read: left out whole.
    case unreadable(what: String, reason: String)
}

/// How far reading has got. For a streamed export the number of conversations is not
/// known until the end, but the bytes are.
public struct ImportProgress: Sendable, Equatable {
    public var done: Int
    public var total: Int?
    public var bytesRead: Int64
    public var totalBytes: Int64?
}

/// An export to import, recognised by what it holds (not by its name): ChatGPT's
/// `conversations.json`, the zip holding it, or kimi-cli sessions.
public struct ImportReader: Sendable {
    public enum Format: Sendable, Equatable {
        case chatGPT, chatGPTZip, kimiCLI
    }

    public let path: String
    public let format: Format
    private let plan: Plan

    private enum Plan: Sendable {
        case chatGPT(any ByteSource)
        case kimiCLI([KimiCLISession], single: Bool)
    }

    public init(path: String) throws(ImportError) {
        self.path = path
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { throw .missing(path: path) }
        if isFolder.boolValue {
            let sessions = KimiCLISession.find(at: path, isFolder: true)
            guard !sessions.isEmpty else { throw .noSessions(path: path) }
            format = .kimiCLI
            plan = .kimiCLI(sessions, single: false)
            return
        }
        let head = try OpenFile(path: path).read(at: 0, count: 4_096)
        if ZipArchive.isZip(head) {
            let archive = try ZipArchive(path: path)
            guard let entry = archive.conversations else { throw .zipWithoutConversations(path: path) }
            format = .chatGPTZip
            plan = .chatGPT(try ZipEntryBytes(archive: archive, entry: entry))
            return
        }
        switch head.first(where: { !Self.isBlankOrMark($0) }) {
        case UInt8(ascii: "[")?:
            format = .chatGPT
            plan = .chatGPT(FileBytes(path: path))
        case UInt8(ascii: "{")? where path.hasSuffix(".jsonl") || Self.firstLine(of: head).contains("\"role\""):
            format = .kimiCLI
            plan = .kimiCLI(KimiCLISession.find(at: path, isFolder: false), single: true)
        case UInt8(ascii: "{")?:
            throw .notAnExport(path: path, found: "it is a single JSON object, not an array of conversations")
        case nil:
            throw .notAnExport(path: path, found: "it is empty")
        default:
            throw .notAnExport(path: path, found: "it is neither JSON nor a zip file")
        }
    }

    /// What the file is, for the user.
    public var formatName: String {
        switch format {
        case .chatGPT: return "ChatGPT export"
        case .chatGPTZip: return "ChatGPT export (zip)"
        case .kimiCLI: return "kimi-cli sessions"
        }
    }

    /// Reads every conversation, handing each to `each` as soon as it is read (so memory
    /// holds one at a time). Throws an `ImportError` when the file as a whole cannot be
    /// read or is cut short (after handing over what came before), and what `each` throws.
    public func read(progress: (ImportProgress) -> Void = { _ in },
                     each: (ImportItem) throws -> Void) throws {
        switch plan {
        case let .chatGPT(source):
            try ChatGPTExportReader(path: path, source: source).read(progress: progress, each: each)
        case let .kimiCLI(sessions, single):
            let decoder = JSONDecoder()
            for (index, session) in sessions.enumerated() {
                let (conversation, skipped, records) = try session.read(decoder: decoder)
                if single, records == 0 {
                    throw ImportError.notAnExport(path: path, found: "its lines are not kimi-cli context records "
                        + "(JSON objects with a \"role\")")
                }
                if let conversation {
                    try each(.conversation(conversation, skippedMessages: skipped))
                } else {
                    try each(.empty(what: "session \(session.id)", skippedMessages: skipped))
                }
                progress(ImportProgress(done: index + 1, total: sessions.count, bytesRead: 0, totalBytes: nil))
            }
        }
    }

    private static func isBlankOrMark(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 || byte == 0xEF || byte == 0xBB || byte == 0xBF
    }

    private static func firstLine(of bytes: [UInt8]) -> String {
        String(decoding: bytes.prefix { $0 != 0x0A }, as: UTF8.self)
    }
}
