import Foundation
import Testing
@testable import ChatCore

/// docs/keys.md is written from the key tables, the same data dispatch and help use.
/// Run with KIMICHAT_RECORD_DOCS=1 to rewrite it after changing a table.
@Suite("docs/keys.md")
struct KeyMapDocumentTests {
    static let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("docs/keys.md").path

    static func table(_ entries: [KeyHelpEntry]) -> String {
        "| key | action |\n| --- | --- |\n"
            + entries.map { "| \($0.keys) | \($0.summary) |" }.joined(separator: "\n")
    }

    static func section(_ section: KeyTables.Section) -> String {
        "## \(section.title)\n\n\(table(section.entries))\n\n" + (section.note.map { $0 + "\n\n" } ?? "")
    }

    static var document: String {
        """
        # Keys

        Written from the key tables in `Sources/ChatCore` (`KeyMap`, `ChordKeyMap`,
        `OutlineKeyMap`, `ListKeyMap`, `RenameKeyMap`, `DeleteKeyMap`, `PickerKeyMap`,
        `HelpKeyMap`; the outline, the list and the picker share `FilterKeyMap`'s rows)
        by `KeyMapDocumentTests`; F1 in kimichat shows
        the same tables, and the footers' key hints come from them too. No key means two
        things in one context: a test checks each table. In the outline, the conversation
        list and the model picker, letters always go to the filter.


        """ + String(KeyTables.sections.map(section).joined().dropLast())
    }

    @Test("the key page matches the key tables")
    func upToDate() throws {
        if ProcessInfo.processInfo.environment["KIMICHAT_RECORD_DOCS"] == "1" {
            try Self.document.write(toFile: Self.path, atomically: true, encoding: .utf8)
        }
        let written = try String(contentsOfFile: Self.path, encoding: .utf8)
        #expect(written == Self.document, "docs/keys.md is out of date: run the tests with KIMICHAT_RECORD_DOCS=1")
    }
}
