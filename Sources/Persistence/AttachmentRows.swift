import ChatDomain
import Foundation
import GRDB

/// Row ↔ domain conversion for the `attachment` table, and a message's searches as the
/// JSON of its `searches` column.
enum AttachmentRows {
    static func insert(_ attachments: [Attachment], of message: StoredMessageID, _ db: Database) throws {
        for (position, attachment) in attachments.enumerated() {
            var values: [(any DatabaseValueConvertible)?] = [message, position, attachment.name, attachment.byteCount]
            switch attachment.content {
            case let .document(document):
                values += ["document", document.source.rawValue, document.text, nil, nil, nil, nil, nil, nil]
            case let .image(image):
                var data: Data?
                var path: String?
                var sha256: String?
                switch image.storage {
                case let .bytes(bytes): data = bytes
                case let .file(filePath, hash): (path, sha256) = (filePath, hash)
                }
                values += ["image", nil, nil, image.mediaType, image.pixelSize?.width, image.pixelSize?.height,
                           data, path, sha256]
            }
            try db.execute(sql: """
                INSERT INTO attachment (message_id, position, name, byte_count, kind, source, text, media_type,
                    width, height, data, path, sha256) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: StatementArguments(values))
        }
    }

    /// The attachments of a conversation's messages, by message.
    static func load(conversation: ConversationID, _ db: Database) throws -> [StoredMessageID: [Attachment]] {
        var found: [StoredMessageID: [Attachment]] = [:]
        let rows = try Row.fetchCursor(db, sql: """
            SELECT a.message_id, a.name, a.byte_count, a.kind, a.source, a.text, a.media_type, a.width, a.height,
                a.data, a.path, a.sha256
            FROM attachment a JOIN message m ON m.id = a.message_id
            WHERE m.conversation_id = ? ORDER BY a.message_id, a.position
            """, arguments: [conversation])
        while let row = try rows.next() {
            let message: StoredMessageID = try row.decode(atIndex: 0)
            found[message, default: []].append(try attachment(row))
        }
        return found
    }

    /// The attachments of the messages `ids`, by message.
    static func load(messages ids: [StoredMessageID], _ db: Database) throws -> [StoredMessageID: [Attachment]] {
        var found: [StoredMessageID: [Attachment]] = [:]
        let rows = try Row.fetchCursor(db, sql: """
            SELECT a.message_id, a.name, a.byte_count, a.kind, a.source, a.text, a.media_type, a.width, a.height,
                a.data, a.path, a.sha256
            FROM attachment a WHERE a.message_id IN (SELECT value FROM json_each(?)) ORDER BY a.message_id, a.position
            """, arguments: ["[" + ids.map(String.init).joined(separator: ",") + "]"])
        while let row = try rows.next() {
            let message: StoredMessageID = try row.decode(atIndex: 0)
            found[message, default: []].append(try attachment(row))
        }
        return found
    }

    private static func attachment(_ row: Row) throws -> Attachment {
        let name: String = try row.decode(String?.self, atIndex: 1) ?? "file"
        let byteCount: Int = try row.decode(Int?.self, atIndex: 2) ?? 0
        let kind: String = try row.decode(String?.self, atIndex: 3) ?? "document"
        guard kind == "image" else {
            let source = AttachedDocument.Source(rawValue: try row.decode(String?.self, atIndex: 4) ?? "") ?? .extracted
            return Attachment(name: name, byteCount: byteCount, content: .document(
                AttachedDocument(text: try row.decode(String?.self, atIndex: 5) ?? "", source: source)))
        }
        let width: Int? = try row.decode(atIndex: 7)
        let height: Int? = try row.decode(atIndex: 8)
        let storage: ImageStorage
        if let data: Data = try row.decode(atIndex: 9) {
            storage = .bytes(data)
        } else {
            storage = .file(path: try row.decode(String?.self, atIndex: 10) ?? "",
                            sha256: try row.decode(String?.self, atIndex: 11) ?? "")
        }
        let size = zip(width, height).map { PixelSize(width: $0, height: $1) }
        return Attachment(name: name, byteCount: byteCount, content: .image(AttachedImage(
            mediaType: try row.decode(String?.self, atIndex: 6) ?? "image/png", pixelSize: size, storage: storage)))
    }
}

private func zip<A, B>(_ first: A?, _ second: B?) -> (A, B)? {
    guard let first, let second else { return nil }
    return (first, second)
}

/// A reply's searches in the `searches` column: JSON, nil when there are none.
enum SearchRounds {
    static func encode(_ rounds: [SearchRound]) -> String? {
        guard !rounds.isEmpty, let data = try? JSONEncoder().encode(rounds) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    /// Lenient: a column that does not read (edited by hand, a newer release) is no searches.
    static func decode(_ text: String) -> [SearchRound] {
        (try? JSONDecoder().decode([SearchRound].self, from: Data(text.utf8))) ?? []
    }
}
