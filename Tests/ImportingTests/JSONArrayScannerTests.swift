@testable import Importing
import Testing

@Suite struct JSONArrayScannerTests {
    /// The elements cut from `text` fed in pieces of `size` bytes.
    static func elements(_ text: String, pieces size: Int) throws -> [String] {
        var scanner = JSONArrayScanner()
        var found: [String] = []
        let bytes = Array(text.utf8)
        var start = 0
        while start < bytes.count {
            let end = min(bytes.count, start + size)
            try bytes[start..<end].withUnsafeBytes { piece in
                try scanner.feed(piece) { element, _ in found.append(String(decoding: element, as: UTF8.self)) }
            }
            start = end
        }
        try scanner.finish()
        return found
    }

    static let tricky = #"""
        [
          {"a": "}{][", "b": [1, {"c": "\"}"}]},
          {"title": "back\\slash \\\" 引号 \u005d"} ,{"empty": {}}
        ]
        """#

    @Test func elementsAreCutWhereverThePiecesBreak() throws {
        let whole = try Self.elements(Self.tricky, pieces: 1 << 20)
        #expect(whole == [#"{"a": "}{][", "b": [1, {"c": "\"}"}]}"#, #"{"title": "back\\slash \\\" 引号 \u005d"}"#,
                          #"{"empty": {}}"#])
        for size in [1, 2, 3, 7, 16] {
            #expect(try Self.elements(Self.tricky, pieces: size) == whole, "pieces of \(size) bytes")
        }
    }

    @Test func aByteOrderMarkAndBlanksMayComeFirstAndAnEmptyArrayHasNoElements() throws {
        #expect(try Self.elements("\u{FEFF} \n[]\n", pieces: 1).isEmpty)
        #expect(try Self.elements("\u{FEFF}[{}]", pieces: 2) == ["{}"])
    }

    @Test func theEndBeforeTheArrayClosesIsTruncation() {
        #expect(throws: JSONArrayScanner.Failure.truncated(insideElement: true)) {
            _ = try Self.elements(#"[{"a": "}"#, pieces: 3)
        }
        #expect(throws: JSONArrayScanner.Failure.truncated(insideElement: false)) {
            _ = try Self.elements(#"[{"a": 1},"#, pieces: 3)
        }
        #expect(throws: JSONArrayScanner.Failure.notAnArray(found: nil)) { _ = try Self.elements("", pieces: 3) }
    }

    @Test func whatIsNotAnArrayOfObjectsIsNamedWhereItStands() {
        #expect(throws: JSONArrayScanner.Failure.notAnArray(found: UInt8(ascii: "{"))) {
            _ = try Self.elements(#"{"a": []}"#, pieces: 4)
        }
        #expect(throws: JSONArrayScanner.Failure.notAnObject(offset: 11)) { _ = try Self.elements(#"[{"a": 1}, 2]"#, pieces: 4) }
        #expect(throws: JSONArrayScanner.Failure.trailing(offset: 5)) { _ = try Self.elements("[{}] x", pieces: 2) }
    }
}
