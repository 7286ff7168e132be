import ScreenKit
import Testing
@testable import ChatCore

@Suite("Key tables: one meaning per key, shared filter rows, hints")
struct KeyTablesTests {
    static func isLetter(_ key: Key) -> Bool {
        if case .character = key { return true }
        return false
    }

    @Test("no key means two things in one context: every table names each key once")
    func distinctKeys() {
        let tables: [(String, [Key])] = [
            ("chat", KeyMap.bindings.map(\.key)), ("list", ListKeyMap.bindings.map(\.key)),
            ("rename", RenameKeyMap.bindings.map(\.key)), ("delete", DeleteKeyMap.bindings.map(\.key)),
            ("picker", PickerKeyMap.bindings.map(\.key)), ("help", HelpKeyMap.bindings.map(\.key)),
            ("after Ctrl-X", ChordKeyMap.bindings.map(\.key)), ("outline", OutlineKeyMap.bindings.map(\.key)),
            ("find", FindKeyMap.bindings.map(\.key)),
        ]
        for (name, keys) in tables {
            #expect(Set(keys).count == keys.count, "\(name) names a key twice")
        }
        for keys in [ListKeyMap.bindings.map(\.key), PickerKeyMap.bindings.map(\.key), RenameKeyMap.bindings.map(\.key),
                     OutlineKeyMap.bindings.map(\.key), FindKeyMap.bindings.map(\.key)] {
            #expect(!keys.contains(where: Self.isLetter), "letters go to the filter or the title")
        }
    }

    @Test("the list and the picker include the same filter rows, in one place")
    func sharedFilterRows() {
        let shared = FilterKeyMap.bindings
        #expect(ListKeyMap.bindings.filter { if case .filter = $0.command { true } else { false } }
            == shared.map { $0.map(ListCommand.filter) })
        #expect(PickerKeyMap.bindings.filter { if case .filter = $0.command { true } else { false } }
            == shared.map { $0.map(PickerCommand.filter) })
        #expect(OutlineKeyMap.bindings.filter { if case .filter = $0.command { true } else { false } }
            == shared.map { $0.map(OutlineCommand.filter) })
    }

    @Test("the list's and the picker's filters edit alike, key for key")
    func filtersEditAlike() {
        var state = AppState(settings: ChatSettings(model: "kimi-k2.6", hasAPIKey: true), models: Fixtures.models)
        let keys: [Key] = [.character("a"), .character("b"), .character(" "), .character("c"), .left, .left,
                           .backspace, .ctrl("a"), .character("x"), .ctrl("e"), .ctrl("w"), .right, .ctrl("h"),
                           .character("d")]
        _ = reduce(&state, .keyPressed(.ctrl("o")))
        for key in keys { _ = reduce(&state, .keyPressed(key)) }
        let listFilter = state.conversationList?.filter
        _ = reduce(&state, .keyPressed(.escape))
        _ = reduce(&state, .keyPressed(.ctrl("t")))
        for key in keys { _ = reduce(&state, .keyPressed(key)) }
        #expect(listFilter?.text == "xad")
        #expect(state.modelPicker?.filter == listFilter)
        _ = reduce(&state, .keyPressed(.ctrl("u")))
        #expect(state.modelPicker?.filter.text == "")
        #expect(state.modelPicker?.shown.count == Fixtures.models.count, "clearing the filter shows every model again")
    }

    @Test("a footer line names every hinted binding, keys sharing a hint together, in table order")
    func hintLine() {
        #expect(KeyHints.line(ListKeyMap.bindings) == "Enter open · Esc close · Ctrl-N new · F2 rename · Del delete")
        #expect(KeyHints.line(PickerKeyMap.bindings) == "Enter use · Esc keep the current model · ↑↓ PgUp PgDn Home End move")
        #expect(KeyHints.line(OutlineKeyMap.bindings) == "Enter go there · Esc close · ↑↓ PgUp PgDn Home End move")
        #expect(KeyMap.statusHints(isStreaming: false) == "Enter send · F1 help")
        #expect(KeyMap.statusHints(isStreaming: true) == "Esc stop · F1 help")
        let added = ListKeyMap.bindings + [KeyBinding(key: .function(5), command: .close, label: "F5", summary: "close",
                                                      hint: "shut")]
        #expect(KeyHints.line(added).hasSuffix(" · F5 shut"), "a binding added with a hint is in the footer")
    }
}
