import Foundation

/// A `multipart/form-data` body, as the Files API's upload takes it: text fields, then
/// the file's bytes as they are.
public struct MultipartBody: Sendable, Equatable {
    public let boundary: String
    public private(set) var bytes: [UInt8] = []

    /// A boundary that no file is likely to hold; a file that does would still be
    /// parsed right by a server that reads the parts' lengths, but a random tail makes
    /// even a naive reader safe.
    public init(boundary: String = "kimichat-" + UUID().uuidString) {
        self.boundary = boundary
    }

    public var contentType: String { "multipart/form-data; boundary=\(boundary)" }

    public mutating func addField(_ name: String, _ value: String) {
        bytes += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(Self.escaped(name))\"\r\n\r\n".utf8)
        bytes += Array(value.utf8)
        bytes += Array("\r\n".utf8)
    }

    public mutating func addFile(_ name: String, filename: String, contentType: String, contents: [UInt8]) {
        bytes += Array(("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(Self.escaped(name))\"; "
            + "filename=\"\(Self.escaped(filename))\"\r\nContent-Type: \(contentType)\r\n\r\n").utf8)
        bytes += contents
        bytes += Array("\r\n".utf8)
    }

    /// The body with its closing delimiter.
    public var finished: [UInt8] { bytes + Array("--\(boundary)--\r\n".utf8) }

    /// Quotes and line breaks would end the header early: a file name keeps its text
    /// otherwise (UTF-8, as browsers send it).
    static func escaped(_ text: String) -> String {
        String(text.map { $0 == "\"" ? "'" : ($0.isNewline ? " " : $0) })
    }
}
