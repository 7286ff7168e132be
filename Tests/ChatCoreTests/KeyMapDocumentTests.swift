import Foundation
import Testing
@testable import ChatCore

/// docs/keys.md is written from the key tables, the same data dispatch and help use.
/// Run with KIMICHAT_RECORD_DOCS=1 to rewrite it after changing a table.
@Suite("docs/keys.md")
struct KeyMapDocumentTests {
    static let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("docs/keys.md").path

    static var document: String { KeysDocument.markdown() }

    @Test("the key page matches the key tables")
    func upToDate() throws {
        if ProcessInfo.processInfo.environment["KIMICHAT_RECORD_DOCS"] == "1" {
            try Self.document.write(toFile: Self.path, atomically: true, encoding: .utf8)
        }
        let written = try String(contentsOfFile: Self.path, encoding: .utf8)
        #expect(written == Self.document, "docs/keys.md is out of date: run the tests with KIMICHAT_RECORD_DOCS=1")
    }
}
