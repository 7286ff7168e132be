import Foundation
import Testing
@testable import ChatCore

/// docs/keys.md is written from the key tables, the same data dispatch and help use.
/// Run with KIMICHAT_RECORD_DOCS=1 to rewrite it after changing a table.
@Suite("docs/keys.md")
struct KeyMapDocumentTests {
    static let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("docs/keys.md").path

    static func table<Action>(_ bindings: [KeyBinding<Action>]) -> String {
        "| key | action |\n| --- | --- |\n"
            + KeyHelpEntry.entries(bindings).map { "| \($0.keys) | \($0.summary) |" }.joined(separator: "\n")
    }

    static var document: String {
        """
        # Keys

        Written from the key tables in `Sources/ChatCore` (`KeyMap`, `ListKeyMap`,
        `PickerKeyMap`) by `KeyMapDocumentTests`; F1 in kimichat shows the same. No key
        means two things in one context: a test checks each table. In the conversation
        list and the model picker, letters always go to the filter.

        ## Chat

        \(table(KeyMap.bindings))

        Typed characters go to the input; a bracketed paste never sends.

        ## Conversation list (Ctrl-O)

        \(table(ListKeyMap.bindings))

        ## Model picker (Ctrl-T)

        \(table(PickerKeyMap.bindings))

        """
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
