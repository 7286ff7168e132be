import ChatDomain
import ScreenKit
import Testing
@testable import ChatCore

/// `[keys]`: key spellings read as the docs write them, actions rebound by name, and
/// what cannot work refused with its line.
@Suite("Keys of your own")
struct KeyRebindingTests {
    @Test("the spellings the docs use read as keys", arguments: [
        ("Ctrl-G", [Key.ctrl("g")]), ("ctrl-g", [.ctrl("g")]), ("Alt-Enter", [.altEnter]), ("Shift-Tab", [.backTab]),
        ("F5", [.function(5)]), ("Alt-x", [.alt("x")]), ("Alt-S", [.alt("s")]), ("Alt-Shift-S", [.alt("S")]), ("PgDn", [.pageDown]), ("Ctrl-X Ctrl-E", [.ctrl("x"), .ctrl("e")]),
        ("Ctrl-X G", [.ctrl("x"), .character("G")]), ("Esc", [.escape]), ("Alt-Left", [.altLeft]),
    ] as [(String, [Key])])
    func spellings(text: String, keys: [Key]) throws {
        #expect(try KeySpelling.parse(text).get() == keys)
    }

    @Test("keys a terminal cannot send, and names it does not know, are refused in words", arguments: [
        ("Ctrl-Shift-A", "cannot send Ctrl with Shift"), ("Ctrl-1", "Ctrl only with a letter"),
        ("Ctrl-Alt-D", "Ctrl-Alt"), ("Hyper-K", "not a key name"), ("F13", "not a key name"),
        ("Ctrl-X Ctrl-E Ctrl-S", "one key"),
    ])
    func refusedSpellings(text: String, message: String) {
        guard case let .failure(error) = KeySpelling.parse(text) else { Issue.record("accepted \(text)"); return }
        #expect(error.message.contains(message), "\(error.message)")
    }

    @Test("send and newline swapped: Enter makes a new line, Alt-Enter sends; help and the hints follow")
    func swap() throws {
        let keys = try ChatKeyTable.standard.rebinding([
            .init(name: "send", keys: ["Alt-Enter"], line: 2), .init(name: "newline", keys: ["Enter"], line: 3),
        ])
        #expect(keys.command(for: .enter) == .insertNewline)
        #expect(keys.command(for: .altEnter) == .send)
        #expect(keys.command(for: .ctrl("j")) == nil, "newline has exactly the keys given")
        #expect(keys.hints.idle.hasPrefix("Alt-Enter send"))
        #expect(KeyTables.sections(with: keys)[0].entries.first?.keys == "Alt-Enter")

        var state = AppState(settings: ChatSettings(model: "kimi-k2.6", hasAPIKey: true, keys: keys),
                             models: Fixtures.models)
        _ = reduce(&state, .textEntered("two"))
        _ = reduce(&state, .keyPressed(.enter))
        _ = reduce(&state, .textEntered("lines"))
        #expect(state.input.text == "two\nlines")
        let effects = reduce(&state, .keyPressed(.altEnter))
        #expect(effects.contains { if case .startReply = $0 { true } else { false } })
    }

    @Test("a key two actions would share, an unknown action, a chord without the chord key: refused with the line")
    func refusals() {
        func refusal(_ overrides: [ChatKeyTable.Override]) -> KeyBindingError? {
            do {
                _ = try ChatKeyTable.standard.rebinding(overrides)
                return nil
            } catch {
                return error
            }
        }
        let conflict = refusal([.init(name: "new_conversation", keys: ["Ctrl-O"], line: 4)])
        #expect(conflict?.line == 4)
        #expect(conflict?.message.contains("Ctrl-O would do two things") == true, "\(conflict?.message ?? "")")
        #expect(refusal([.init(name: "teleport", keys: ["F9"], line: 7)])?.message.contains("no action is named “teleport”") == true)
        #expect(refusal([.init(name: "fork", keys: ["F9"], line: 2)])?.message.contains("write it as \"Ctrl-X <key>\"") == true)
        #expect(refusal([.init(name: "send", keys: ["Ctrl-Shift-S"], line: 3)])?.line == 3)
        for typed in ["s", "Space", "Tab", "Ctrl-M", "Ctrl-I"] {
            #expect(refusal([.init(name: "send", keys: [typed], line: 5)])?.message.contains("goes into the message") == true,
                    "\(typed)")
        }
        let settings = try? ChatKeyTable.standard.rebinding([.init(name: "settings", keys: ["Alt-S"], line: 2)])
        #expect(settings?.command(for: .alt("s")) == .openSettings, "as the terminal sends it")
    }

    @Test("chord actions take a chord; a new chord key carries them along")
    func chords() throws {
        let keys = try ChatKeyTable.standard.rebinding([
            .init(name: "chord", keys: ["Ctrl-G"], line: 2), .init(name: "fork", keys: ["Ctrl-G G"], line: 3),
        ])
        #expect(keys.command(for: .ctrl("g")) == .beginChord)
        #expect(keys.chordCommand(for: .character("G")) == .fork)
        #expect(keys.chordCommand(for: .character("g")) == .fork, "a letter with or without Shift")
        #expect(keys.chordCommand(for: .character("f")) == nil)
        #expect(keys.chordBindings.first { $0.command == .openEditor }?.label == "Ctrl-G Ctrl-E", "the others follow")
        #expect(keys.chordPrompt.contains("G fork"))
        #expect(keys.chordPrompt.hasPrefix("Ctrl-G:"))
        #expect(KeysDocument.markdown(keys).contains("| `fork` | Ctrl-G G |"))
    }
}

@Suite("Keys of your own in the overlays")
struct OverlayKeyRebindingTests {
    @Test("[keys.list] rename = F6: the list renames with F6, its footer and help say so; F2 no longer does")
    func listRename() throws {
        let tables = try OverlayKeyTables.standard.rebinding("list", [.init(name: "rename", keys: ["F6"], line: 9)],
                                                             line: 8)
        #expect(tables.list.command(for: .function(6)) == .rename)
        #expect(tables.list.command(for: .function(2)) == nil)
        #expect(KeyHints.line(tables.list.bindings).contains("F6 rename"))
        var settings = ChatSettings(model: "kimi-k2.6", hasAPIKey: true)
        settings.overlayKeys = tables
        var state = AppState(settings: settings, models: Fixtures.models)
        _ = reduce(&state, .keyPressed(.ctrl("o")))
        _ = reduce(&state, .conversationsFound(search: state.conversationList?.requestedSearch ?? 0,
                                               [ConversationMatch(summary: Fixtures.summary(id: 3))], readAt: Fixtures.date))
        _ = reduce(&state, .keyPressed(.down))
        _ = reduce(&state, .keyPressed(.function(6)))
        guard case .renaming = state.conversationList?.mode else { Issue.record("F6 did not rename"); return }
        #expect(KeysDocument.markdown(overlays: tables).contains("`rename` (F6)"))
    }

    @Test("in an overlay: a letter where letters filter, an unknown action or context, a shared key: refused with the line")
    func refusals() {
        func refusal(_ context: String, _ overrides: [ChatKeyTable.Override]) -> KeyBindingError? {
            do {
                _ = try OverlayKeyTables.standard.rebinding(context, overrides, line: 1)
                return nil
            } catch {
                return error
            }
        }
        #expect(refusal("list", [.init(name: "open", keys: ["o"], line: 3)])?.message.contains("goes into the text") == true)
        #expect(refusal("picker", [.init(name: "teleport", keys: ["F9"], line: 4)])?.message.contains("in [keys.picker]") == true)
        #expect(refusal("nowhere", [])?.message.contains("there is no [keys.nowhere]") == true)
        let shared = refusal("picker", [.init(name: "choose", keys: ["Esc"], line: 6)])
        #expect(shared?.line == 6)
        #expect(shared?.message.contains("Esc would do two things in [keys.picker]") == true, "\(shared?.message ?? "")")
        #expect(refusal("help", [.init(name: "close", keys: ["x"], line: 2)]) == nil, "help has no filter: letters are keys")
    }
}
