import Foundation

/// A `multipart/form-data` body taken apart: each part's field name, file name,
/// content type and bytes. Only what the Files API's uploads need; bytes stay bytes.
struct MultipartForm: Equatable {
    struct Part: Equatable {
        var name: String
        var filename: String?
        var contentType: String?
        var body: [UInt8]
    }

    var parts: [Part]

    func part(named name: String) -> Part? { parts.first { $0.name == name } }

    /// The boundary named by a `Content-Type: multipart/form-data; boundary=…` header.
    static func boundary(fromContentType header: String) -> String? {
        guard header.lowercased().hasPrefix("multipart/form-data") else { return nil }
        for parameter in header.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2, pair[0].lowercased() == "boundary" else { continue }
            let value = pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            return value.isEmpty ? nil : value
        }
        return nil
    }

    /// Nil when the body is not a well-formed form with that boundary.
    init?(body: [UInt8], boundary: String) {
        let delimiter = Array("--\(boundary)".utf8)
        var parts: [Part] = []
        guard var cursor = Self.find(delimiter, in: body, from: 0) else { return nil }
        while true {
            cursor += delimiter.count
            // "--" after a delimiter ends the form.
            if body.count >= cursor + 2, body[cursor] == UInt8(ascii: "-"), body[cursor + 1] == UInt8(ascii: "-") { break }
            guard let lineEnd = Self.find(Self.newline, in: body, from: cursor) else { return nil }
            let start = lineEnd + 2
            guard let headersEnd = Self.find(Self.newline + Self.newline, in: body, from: start),
                  let next = Self.find(Self.newline + delimiter, in: body, from: headersEnd + 4) else { return nil }
            let headers = String(decoding: body[start..<headersEnd], as: UTF8.self)
            guard var part = Self.part(headers: headers) else { return nil }
            part.body = Array(body[(headersEnd + 4)..<next])
            parts.append(part)
            cursor = next + 2
        }
        self.parts = parts
    }

    private static let newline: [UInt8] = [13, 10]

    private static func part(headers: String) -> Part? {
        var name: String?
        var filename: String?
        var contentType: String?
        for line in headers.components(separatedBy: "\r\n") {
            let pair = line.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2 else { continue }
            switch pair[0].lowercased() {
            case "content-disposition":
                for parameter in pair[1].split(separator: ";").dropFirst() {
                    let field = parameter.split(separator: "=", maxSplits: 1)
                        .map { $0.trimmingCharacters(in: .whitespaces) }
                    guard field.count == 2 else { continue }
                    let value = field[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
                    if field[0] == "name" { name = value }
                    if field[0] == "filename" { filename = value }
                }
            case "content-type":
                contentType = pair[1]
            default:
                break
            }
        }
        return name.map { Part(name: $0, filename: filename, contentType: contentType, body: []) }
    }

    /// Where `needle` first occurs in `haystack` at or after `from`.
    static func find(_ needle: [UInt8], in haystack: [UInt8], from: Int) -> Int? {
        guard !needle.isEmpty, haystack.count >= needle.count, from <= haystack.count - needle.count else { return nil }
        let first = needle[0]
        var index = from
        let last = haystack.count - needle.count
        while index <= last {
            if haystack[index] == first, haystack[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }
}
