import Foundation

/// JSON as the commands print it (`list --json`, `models --json`, `export --format json`):
/// pretty, keys sorted, dates in ISO 8601, slashes left alone, a final newline.
enum JSONOutput {
    static func text(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
    }
}
