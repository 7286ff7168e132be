import ChatDomain
import Foundation
import ScreenKit
import Testing
@testable import ChatCore

/// Alt-S as a pure state machine, and what the settings send under each model's rules.
@Suite("Reducer: the conversation's settings")
struct ReducerSettingsTests {
    var state = AppState(settings: ChatSettings(model: "kimi-k2.6", systemPrompt: "Be brief.", hasAPIKey: true),
                         models: Fixtures.models)

    mutating func press(_ keys: Key...) -> [AppEffect] {
        keys.flatMap { reduce(&state, .keyPressed($0)) }
    }

    mutating func select(_ field: SettingsField) {
        _ = press(.home)
        while case let .settings(editor) = state.overlay, editor.selected != field { _ = press(.down) }
    }

    mutating func send(_ text: String) -> ChatRequest? {
        _ = reduce(&state, .textEntered(text))
        for effect in reduce(&state, .keyPressed(.enter)) {
            if case let .startReply(_, request) = effect { return request }
        }
        return nil
    }

    @Test("Alt-S: Enter on thinking turns it off for this conversation, saved; the next request says so")
    mutating func thinkingOff() throws {
        _ = press(.alt("s"))
        select(.thinking)
        let effects = press(.enter)
        #expect(state.conversation.settings.thinking == false)
        #expect(effects == [.setConversationSettings(state.conversation)])
        #expect(state.settingsRows.first { $0.field == .thinking }?.value == "off")
        _ = press(.escape)
        #expect(state.overlay == nil)
        let request = try #require(send("hi"))
        #expect(request.thinkingDisabled)
        #expect(state.conversation.settings.tags(for: state.currentModel) == ["no-think"])
    }

    @Test("typed values are checked as typed against the allowed range; Enter refuses what is not allowed")
    mutating func typedValues() throws {
        state.conversation.model = "moonshot-v1-8k"
        _ = press(.alt("s"))
        select(.temperature)
        _ = press(.enter)
        _ = reduce(&state, .textEntered("1.5"))
        guard case let .settings(editor) = state.overlay else { Issue.record("closed"); return }
        #expect(editor.problem == "1.5 is outside 0–1")
        _ = press(.enter)
        #expect(state.conversation.settings.temperature == nil, "refused")
        _ = press(.ctrl("u"))
        _ = reduce(&state, .textEntered("0.3"))
        _ = press(.enter)
        #expect(state.conversation.settings.temperature == 0.3)
        _ = press(.escape)
        let request = try #require(send("hi"))
        #expect(request.temperature == 0.3)
        #expect(state.conversation.settings.tags(for: state.currentModel) == ["t0.3"])
    }

    @Test("a model that fixes a setting shows it fixed; Enter explains, nothing is stored or sent")
    mutating func fixedSettings() throws {
        _ = press(.alt("s"))
        select(.temperature)
        #expect(state.settingsRows.first { $0.field == .temperature }?.isFixed == true)
        #expect(press(.enter).isEmpty)
        #expect(state.statusNote?.contains("fixed by kimi-k2.6") == true)
        state.conversation.model = "kimi-k3"
        #expect(state.settingsRows.first { $0.field == .thinking }?.value == "always")
        select(.reasoningEffort)
        _ = press(.enter)
        #expect(state.conversation.settings.reasoningEffort == .low)
        _ = press(.escape)
        let request = try #require(send("hi"))
        #expect(request.reasoningEffort == .low)
        #expect(!request.thinkingDisabled)
        // The same settings on a model without effort send none of it.
        state.conversation.model = "kimi-k2.6"
        _ = reduce(&state, .streamEvents(1, [.content("ok"), .finished(.stop), .done]))
        #expect(try #require(send("again")).reasoningEffort == nil)
    }

    @Test("a new system prompt applies from the next request, is marked in the transcript, and Del brings the default back")
    mutating func systemPrompt() throws {
        _ = press(.alt("s"))
        select(.systemPrompt)
        _ = press(.enter)
        _ = press(.ctrl("u"))
        _ = reduce(&state, .textEntered("You are a poet."))
        _ = press(.altEnter)
        _ = reduce(&state, .textEntered("Rhyme."))
        _ = press(.enter)
        #expect(state.conversation.settings.systemPrompt == "You are a poet.\nRhyme.")
        #expect(state.messages.last?.text == "system prompt changed.")
        _ = press(.escape)
        #expect(try #require(send("hi")).turns.first?.content == "You are a poet.\nRhyme.")
        _ = reduce(&state, .streamEvents(1, [.content("ok"), .finished(.stop), .done]))
        _ = press(.alt("s"))
        select(.systemPrompt)
        _ = press(.backspace)
        #expect(state.conversation.settings.systemPrompt != nil, "Backspace does not wipe a setting")
        _ = press(.delete)
        #expect(state.conversation.settings.systemPrompt == nil)
        _ = press(.escape)
        #expect(try #require(send("again")).turns.first?.content == "Be brief.")
    }

    @Test("max reply tokens and history rounds shape the request")
    mutating func budgetAndHistory() throws {
        _ = press(.alt("s"))
        select(.maxTokens)
        _ = press(.enter)
        _ = reduce(&state, .textEntered("4096"))
        _ = press(.enter)
        select(.history)
        _ = press(.enter)
        _ = reduce(&state, .textEntered("1"))
        _ = press(.enter)
        _ = press(.escape)
        _ = send("one")
        _ = reduce(&state, .streamEvents(1, [.content("A1"), .finished(.stop), .done]))
        _ = send("two")
        _ = reduce(&state, .streamEvents(2, [.content("A2"), .finished(.stop), .done]))
        let request = try #require(send("three"))
        #expect(request.maxCompletionTokens == 4096)
        #expect(request.turns.map(\.content) == ["Be brief.", "two", "A2", "three"])
        #expect(state.conversation.settings.tags(for: state.currentModel) == ["max 4096", "last 1"])
    }

    @Test("Ctrl-X Ctrl-E while typing the system prompt hands it to $EDITOR, and the edit comes back to the field")
    mutating func externalEditor() {
        _ = press(.alt("s"))
        select(.systemPrompt)
        _ = press(.enter)
        #expect(press(.ctrl("x"), .ctrl("e")) == [.editExternally("Be brief.")])
        _ = reduce(&state, .externalEditFinished(.success("Be thorough.\n")))
        guard case let .settings(editor) = state.overlay else { Issue.record("closed"); return }
        #expect(editor.field.text == "Be thorough.")
        #expect(state.input.isEmpty, "not the chat's input")
    }
}

@Suite("Reducer: F1 everywhere")
struct HelpEverywhereTests {
    var state = AppState(settings: ChatSettings(model: "kimi-k2.6", hasAPIKey: false), models: Fixtures.models)

    @Test("F1 in an overlay shows its keys first, and Esc goes back to it as it was", arguments: [
        (Key.alt("s"), "Settings (Alt-S)"), (.ctrl("t"), "Model picker (Ctrl-T)"), (.ctrl("o"), "Conversation list (Ctrl-O)"),
        (.alt("a"), "Attaching a file (Alt-A)"),
    ])
    mutating func helpFromOverlays(opening: Key, title: String) {
        _ = reduce(&state, .keyPressed(opening))
        let before = state.overlay
        _ = reduce(&state, .keyPressed(.function(1)))
        #expect(state.overlay == .help(firstEntry: 0))
        #expect(state.helpFirstSections.first == title)
        guard case let .heading(first)? = HelpPage.entries(with: state.settings.keys, first: state.helpFirstSections).first
        else { Issue.record("no heading first"); return }
        #expect(first == title)
        _ = reduce(&state, .keyPressed(.escape))
        #expect(state.overlay == before, "back where F1 was pressed")
    }

    @Test("results for the overlay behind help reach it: the list is filled when help closes")
    mutating func resultsBehindHelp() {
        _ = reduce(&state, .keyPressed(.ctrl("o")))
        let search = state.conversationList?.requestedSearch ?? 0
        _ = reduce(&state, .keyPressed(.function(1)))
        _ = reduce(&state, .conversationsFound(search: search, [ConversationMatch(summary: Fixtures.summary(id: 3))],
                                               readAt: Fixtures.date))
        _ = reduce(&state, .keyPressed(.escape))
        #expect(state.conversationList?.matches.map(\.id) == [3])
    }
}
