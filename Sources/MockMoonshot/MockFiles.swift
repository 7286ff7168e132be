import Foundation

/// A file uploaded to the mock's Files API.
struct MockFile: Sendable {
    var id: String
    var filename: String
    var purpose: String
    var bytes: [UInt8]
    var createdAt: Int
}

/// The Files API's rules and shapes, as moonshot-api.md §5.4 and §9.3 give them, with a
/// deterministic stand-in for Moonshot's extraction.
enum MockFiles {
    static let purposes: Set = ["file-extract", "image", "video", "batch"]
    static let maxBytes = 100 * 1024 * 1024

    static func metadataJSON(_ file: MockFile) -> String {
        "{\"id\":\(JSONText.quoted(file.id)),\"object\":\"file\",\"bytes\":\(file.bytes.count),"
            + "\"created_at\":\(file.createdAt),\"filename\":\(JSONText.quoted(file.filename)),"
            + "\"purpose\":\(JSONText.quoted(file.purpose)),\"status\":\"ok\",\"status_details\":\"\"}"
    }

    static func contentJSON(_ file: MockFile) -> String {
        "{\"content\":\(JSONText.quoted(extractedText(file))),\"file_type\":\(JSONText.quoted(fileType(file))),"
            + "\"filename\":\(JSONText.quoted(file.filename)),\"title\":\"\",\"type\":\"file\"}"
    }

    /// Text as it is; anything else by its runs of readable characters (what a PDF's
    /// text operators hold, in a made-up PDF), so the same file always gives the same text.
    static func extractedText(_ file: MockFile) -> String {
        if let text = String(validating: file.bytes, as: UTF8.self), !text.contains("\u{0}") { return text }
        var runs: [String] = []
        var run: [UInt8] = []
        for byte in file.bytes + [0] {
            if byte >= 0x20, byte < 0x7F {
                run.append(byte)
            } else {
                if run.count >= 4 { runs.append(String(decoding: run, as: UTF8.self)) }
                run.removeAll(keepingCapacity: true)
            }
        }
        return "[\(file.filename): \(file.bytes.count) bytes]\n" + runs.joined(separator: "\n")
    }

    static func fileType(_ file: MockFile) -> String {
        if file.bytes.starts(with: Array("%PDF".utf8)) { return "application/pdf" }
        if file.bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]) { return "image/png" }
        if file.bytes.starts(with: [0xFF, 0xD8, 0xFF]) { return "image/jpeg" }
        return "text/plain"
    }
}

/// How an upload the test asked to fail fails.
public enum UploadFailure: Sendable {
    case http(MockScenario.HTTPError)
    /// The connection closes with no answer: an upload cut off.
    case dropConnection
}

/// The account's money as the mock reports it: cash can be negative, as Moonshot's can
/// after a large request.
public struct MockBalance: Sendable {
    public var cash: Double
    public var voucher: Double

    public init(cash: Double = 10, voucher: Double = 2.34) {
        self.cash = cash
        self.voucher = voucher
    }

    /// Cash and vouchers; cash owed leaves the vouchers alone (moonshot-api.md §5.3).
    public var available: Double { cash >= 0 ? cash + voucher : voucher }
}
