import ChatDomain
import Foundation
import ScreenKit
import Testing
@testable import ChatCore
@testable import ChatViews

/// Footers and help are written from the key tables: these fail if a table's entry
/// (a hinted binding in a footer, any binding in help) is missing from the screen.
@Suite("Key hints and help, from the key tables")
struct KeyHintsViewTests {
    var state = AppState(settings: ChatSettings(model: "kimi-k2.6", hasAPIKey: true), models: [
        ModelInfo(id: "kimi-k2.6", contextLength: 262_144, thinking: .byDefault, vision: true, replyBudget: 32_768,
                  fixedSampling: true, description: "General model", isOffered: true),
    ])
    let renderer = ScreenRenderer(theme: .dark)

    /// How a footer names a binding's key: the arrows as ↑ and ↓.
    static func shownKey<Action>(_ binding: KeyBinding<Action>) -> String {
        binding.key == .up ? "↑" : binding.key == .down ? "↓" : binding.label
    }

    /// Every hinted binding of `bindings` (whose command `shows`) is named in `line`, with its hint.
    static func expectHints<Action>(_ bindings: [KeyBinding<Action>], in line: String,
                                    where shows: (Action) -> Bool = { _ in true }) {
        let hinted = bindings.filter { $0.hint != nil && shows($0.command) }
        #expect(!hinted.isEmpty)
        for binding in hinted {
            #expect(line.contains(Self.shownKey(binding)) && line.contains(binding.hint ?? ""),
                    "\(binding.label) \(binding.hint ?? "") is missing from “\(line)”")
        }
    }

    mutating func openList(_ matches: [ConversationMatch]) {
        let effects = reduce(&state, .keyPressed(.ctrl("o")))
        guard case let .searchConversations(search, _) = effects.first else { Issue.record("no search"); return }
        _ = reduce(&state, .conversationsFound(search: search, matches, readAt: Date(timeIntervalSince1970: 0)))
    }

    static func match(_ id: Int64, _ title: String, snippet: String? = nil) -> ConversationMatch {
        ConversationMatch(summary: ConversationSummary(id: id, title: title, model: "kimi-k3",
                                                       createdAt: Date(timeIntervalSince1970: 0),
                                                       updatedAt: Date(timeIntervalSince1970: 0), messageCount: 2),
                          messageID: snippet == nil ? nil : id, snippet: snippet)
    }

    @Test("the list's footer in each mode comes from that mode's key table")
    mutating func listFooters() {
        openList([Self.match(1, "Fruit")])
        var footer = renderer.render(state, width: 100, height: 12).lines[9]
        #expect(footer.hasPrefix(" Enter open · Esc close · Ctrl-N new · F2 rename · Del delete"))
        Self.expectHints(ListKeyMap.bindings, in: footer)
        _ = reduce(&state, .keyPressed(.function(2)))
        footer = renderer.render(state, width: 100, height: 12).lines[9]
        #expect(footer.hasPrefix(" Enter save the title · Esc cancel"))
        Self.expectHints(RenameKeyMap.bindings, in: footer)
        _ = reduce(&state, .keyPressed(.escape))
        _ = reduce(&state, .keyPressed(.delete))
        footer = renderer.render(state, width: 100, height: 12).lines[9]
        #expect(footer.hasPrefix(" Delete “Fruit” and all its messages? y delete · any other key keeps it"))
        Self.expectHints(DeleteKeyMap.bindings, in: footer)
    }

    @Test("the picker's footer and the status bar come from their key tables")
    mutating func pickerAndStatusBar() {
        var status = renderer.render(state, width: 100, height: 12).lines[11]
        #expect(status.hasSuffix("Enter send · F1 help"))
        Self.expectHints(KeyMap.bindings, in: status) { $0 != .stopOrClose }
        _ = reduce(&state, .textEntered("hi"))
        _ = reduce(&state, .keyPressed(.enter))
        status = renderer.render(state, width: 100, height: 12).lines[11]
        #expect(status.hasSuffix("Esc stop · F1 help"))
        Self.expectHints(KeyMap.bindings, in: status) { $0 != .send }
        _ = reduce(&state, .keyPressed(.escape))

        _ = reduce(&state, .keyPressed(.ctrl("t")))
        _ = reduce(&state, .modelsListed(state.models, note: nil))
        let footer = renderer.render(state, width: 100, height: 12).lines[9]
        #expect(footer.hasPrefix(" Enter use · Esc keep the current model · ↑↓ PgUp PgDn Home End move"))
        Self.expectHints(PickerKeyMap.bindings, in: footer)
    }

    @Test("help shows every table under its heading, every key of each, and its own keys' hints")
    mutating func helpHasEveryTable() {
        _ = reduce(&state, .overlayRowsMeasured(renderer.overlayRows(state, width: 120, height: 24)))
        _ = reduce(&state, .keyPressed(.function(1)))
        var seen = Set<String>()
        let header = renderer.render(state, width: 120, height: 24).lines[0]
        Self.expectHints(HelpKeyMap.bindings, in: header)
        for _ in 0..<(HelpPage.entries.count / 5) {
            seen.formUnion(renderer.render(state, width: 120, height: 24).lines)
            _ = reduce(&state, .keyPressed(.pageDown))
        }
        for section in KeyTables.sections {
            let heading = seen.contains(" " + section.title)
            #expect(heading, "the heading “\(section.title)” is in help")
            for entry in section.entries {
                let shown = seen.contains { $0.hasPrefix("  " + entry.keys + " ") && $0.hasSuffix(" " + entry.summary) }
                #expect(shown, "\(entry.keys): \(entry.summary) (\(section.title)) is in help")
            }
            if let note = section.note {
                let noted = seen.contains("  " + note)
                #expect(noted, "“\(note)” is in help")
            }
        }
    }

    @Test("a page down in the list shows the next page: the entry after the old selection heads it")
    mutating func listPageIsWhatTheViewShows() {
        openList((1...30).map { Self.match(Int64($0), "Hit \($0)", snippet: "…excerpt \($0)…") })
        _ = reduce(&state, .overlayRowsMeasured(renderer.overlayRows(state, width: 60, height: 16)))
        _ = reduce(&state, .keyPressed(.home))
        var lines = renderer.render(state, width: 60, height: 16).lines
        #expect(lines[3] == "▸ + New conversation")
        _ = reduce(&state, .keyPressed(.pageDown))
        lines = renderer.render(state, width: 60, height: 16).lines
        // Ten entry rows: five hits of two rows. The page starts right after “new”.
        #expect(lines[3].hasPrefix("  Hit 1 "), "\(lines[3])")
        #expect(lines[11].hasPrefix("▸ Hit 5 "), "\(lines[11])")
        #expect(!lines.contains { $0.contains("New conversation") })
        _ = reduce(&state, .keyPressed(.pageDown))
        lines = renderer.render(state, width: 60, height: 16).lines
        #expect(lines[3].hasPrefix("  Hit 6 "), "\(lines[3])")
        #expect(lines[11].hasPrefix("▸ Hit 10 "), "\(lines[11])")
    }
}
