import ChatDomain
import ScreenKit
import Testing
@testable import ChatCore

/// Ctrl-Z asks the runtime to stop the process, from the chat and over any overlay;
/// rebound, the key does what it was given instead.
@Suite("Reducer: Ctrl-Z suspends")
struct ReducerSuspendTests {
    @Test("Ctrl-Z suspends from the chat, over the conversation list and from Alt-A's prompt; the draft stays")
    func suspends() {
        var state = AppState(settings: ChatSettings(model: "kimi-k2.6", hasAPIKey: true))
        _ = reduce(&state, .textEntered("a draft"))
        #expect(reduce(&state, .keyPressed(.ctrl("z"))) == [.suspend])
        #expect(state.input.text == "a draft")
        _ = reduce(&state, .keyPressed(.ctrl("o")))
        #expect(state.overlay != nil)
        #expect(reduce(&state, .keyPressed(.ctrl("z"))) == [.suspend])
        #expect(state.overlay != nil, "the list is still open when the chat comes back")
    }

    @Test("rebound with [keys] suspend = \"F12\", Ctrl-Z no longer suspends and F12 does")
    func rebound() throws {
        let keys = try ChatKeyTable.standard.rebinding([.init(name: "suspend", keys: ["F12"], line: 2)])
        var state = AppState(settings: ChatSettings(model: "kimi-k2.6", hasAPIKey: true, keys: keys))
        #expect(!reduce(&state, .keyPressed(.ctrl("z"))).contains(.suspend))
        #expect(reduce(&state, .keyPressed(.function(12))) == [.suspend])
    }
}
