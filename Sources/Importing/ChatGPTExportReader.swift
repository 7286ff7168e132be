import ChatDomain
import Foundation

/// ChatGPT's `conversations.json`, streamed: the scanner cuts out one conversation at a
/// time and each is decoded alone.
struct ChatGPTExportReader {
    let path: String
    let source: any ByteSource

    func read(progress: (ImportProgress) -> Void, each: (ImportItem) throws -> Void) throws {
        var scanner = JSONArrayScanner()
        var complete = 0
        do {
            try source.forEachPiece { piece in
                try scanner.feed(piece) { element, end in
                    let item = try Self.item(element, number: complete + 1)
                    complete += 1
                    try each(item)
                    progress(ImportProgress(done: complete, total: nil, bytesRead: end, totalBytes: source.totalBytes))
                }
            }
            try scanner.finish()
        } catch let failure as JSONArrayScanner.Failure {
            throw Self.importError(failure, path: path, complete: complete)
        } catch let failure as NotAnExport {
            throw ImportError.notAnExport(path: path, found: failure.found)
        }
    }

    /// The first element decides whether this is an export at all: one without a
    /// `mapping` is some other array, and nothing is imported. Later ones that cannot be
    /// read are left out, each alone.
    static func item(_ element: UnsafeRawBufferPointer, number: Int) throws -> ImportItem {
        let conversation: ChatGPTConversation
        do {
            conversation = try ChatGPTConversation.parse(element)
        } catch {
            if number == 1 { throw NotAnExport(found: "its first element \(error.reason), so it is not ChatGPT's conversations") }
            return .unreadable(what: "conversation \(number)", reason: error.reason)
        }
        guard let (imported, skipped) = ChatGPTTree.imported(conversation, fallbackID: { Self.contentKey(element) }) else {
            return .empty(what: "conversation \(number)" + (conversation.title.map { " (“\($0)”)" } ?? ""),
                          skippedMessages: conversation.mapping.values.filter { $0.message != nil }.count)
        }
        return .conversation(imported, skippedMessages: skipped)
    }

    private struct NotAnExport: Error {
        var found: String
    }

    static func importError(_ failure: JSONArrayScanner.Failure, path: String, complete: Int) -> ImportError {
        switch failure {
        case let .notAnArray(found):
            switch found {
            case nil: return .notAnExport(path: path, found: "it is empty")
            case UInt8(ascii: "{")?: return .notAnExport(path: path, found: "it is a single JSON object, not an array of conversations")
            default: return .notAnExport(path: path, found: "it is not JSON")
            }
        case let .notAnObject(offset):
            return complete == 0
                ? .notAnExport(path: path, found: "it is a JSON array of something other than conversations")
                : .malformed(path: path, offset: offset, complete: complete)
        case let .trailing(offset): return .malformed(path: path, offset: offset, complete: complete)
        case .truncated: return .truncated(path: path, complete: complete)
        }
    }

    /// A key for a conversation without an id: a hash of its bytes, so the same export
    /// still imports it once.
    static func contentKey(_ bytes: UnsafeRawBufferPointer) -> String {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
        return "content-" + String(hash, radix: 16)
    }
}
