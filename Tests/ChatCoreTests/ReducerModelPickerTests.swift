import ChatDomain
import ScreenKit
import Testing
@testable import ChatCore

@Suite("Reducer: the model picker, thinking and history marks")
struct ReducerModelPickerTests {
    var state = AppState(settings: ChatSettings(model: "kimi-k2.6", hasAPIKey: true), models: Fixtures.models)

    var picker: ModelPicker? {
        if case let .models(picker) = state.overlay { return picker }
        return nil
    }

    mutating func press(_ keys: Key...) -> [AppEffect] {
        keys.flatMap { reduce(&state, .keyPressed($0)) }
    }

    @Test("Ctrl-T opens on the current model at once and asks for a fresh lineup")
    mutating func opens() {
        #expect(press(.ctrl("t")) == [.fetchModels])
        #expect(picker?.selected?.id == "kimi-k2.6")
        #expect(picker?.shown.count == 3)
        _ = press(.escape)
        #expect(state.overlay == nil)
        #expect(state.conversation.model == "kimi-k2.6", "Esc keeps the model")
    }

    @Test("typing filters best first; Enter makes it the conversation's model for the next request")
    mutating func chooses() {
        _ = press(.ctrl("t"))
        _ = reduce(&state, .textEntered("v18"))
        #expect(picker?.shown.map(\.id) == ["moonshot-v1-8k"])
        let effects = press(.enter)
        #expect(state.overlay == nil)
        #expect(state.conversation.model == "moonshot-v1-8k")
        #expect(effects == [.setConversationModel(state.conversation)])
        _ = reduce(&state, .textEntered("hello"))
        let sent = press(.enter)
        guard case let .startReply(_, request) = sent.last else { Issue.record("no request"); return }
        #expect(request.model == "moonshot-v1-8k")
        #expect(request.maxCompletionTokens == 2_048)
        #expect(sent.saves.last?.message.model == "moonshot-v1-8k", "the reply records the model that wrote it")
        #expect(sent.saves.first?.conversation.model == "moonshot-v1-8k")
    }

    @Test("a page in the picker is as many models as the layout shows, not a guess")
    func pickerPagesByLayout() {
        let many = (1...30).map { ModelInfo(id: "model-\($0)", contextLength: 8_192, thinking: .never, vision: false,
                                              replyBudget: 1_024, fixedSampling: false, description: "", isOffered: true) }
        var state = AppState(settings: ChatSettings(model: "model-1", hasAPIKey: true), models: many)
        _ = reduce(&state, .overlayRowsMeasured(10))
        _ = reduce(&state, .keyPressed(.ctrl("t")))
        _ = reduce(&state, .keyPressed(.home))
        _ = reduce(&state, .keyPressed(.pageDown))
        guard case let .models(picker) = state.overlay else {
            Issue.record("the picker is not open")
            return
        }
        #expect(picker.selection == OverlayPage.entryRows(overlayRows: 10))
        #expect(picker.selection == 6, "10 rows less the header (3) and the footer (1)")
    }

    @Test("arrows, pages, Home and End move; letters that are keys elsewhere filter")
    mutating func moving() {
        _ = press(.ctrl("t"), .home)
        #expect(picker?.selection == 0)
        _ = press(.down, .down, .down)
        #expect(picker?.selection == 2, "stops at the last")
        _ = press(.pageUp)
        #expect(picker?.selection == 0)
        _ = press(.end)
        #expect(picker?.selection == 2)
        _ = press(.character("q"))
        #expect(picker?.filter.text == "q")
        #expect(state.overlay != nil)
        _ = press(.backspace)
        #expect(picker?.shown.count == 3)
    }

    @Test("a fresh lineup arriving keeps the selection and shows its note")
    mutating func lineupArrives() {
        _ = press(.ctrl("t"), .down)
        let selected = picker?.selected?.id
        let fresh = [ModelInfo.assumed(id: "new-model")] + Fixtures.models
        _ = reduce(&state, .modelsListed(fresh, note: "Could not fetch the endpoint's models; showing the bundled catalogue."))
        #expect(picker?.selected?.id == selected)
        #expect(picker?.shown.count == 4)
        #expect(picker?.note?.hasPrefix("Could not fetch") == true)
        #expect(state.models == fresh)
    }

    @Test("a reopened conversation keeps its own model; a new one starts with the default")
    func perConversation() {
        let saved = SavedConversation(summary: Fixtures.summary(id: 4), messages: [])
        var summary = saved.summary
        summary.model = "kimi-k3"
        var state = AppState(settings: ChatSettings(model: "kimi-k2.6", hasAPIKey: true),
                             reopening: SavedConversation(summary: summary, messages: []), models: Fixtures.models)
        #expect(state.conversation.model == "kimi-k3")
        _ = reduce(&state, .keyPressed(.ctrl("n")))
        #expect(state.conversation.model == "kimi-k2.6")
        let explicit = AppState(settings: ChatSettings(model: "moonshot-v1-8k", hasAPIKey: true, modelIsExplicit: true),
                                reopening: SavedConversation(summary: summary, messages: []), models: Fixtures.models)
        #expect(explicit.conversation.model == "moonshot-v1-8k", "--model beats the reopened conversation's own")
    }

    @Test("a reply sent with part of the history says how much was left out")
    func omittedMark() {
        var state = AppState(settings: ChatSettings(model: "kimi-k2.6", hasAPIKey: true, history: .keepRounds(1)),
                             reopening: Fixtures.exchanges(id: 1, count: 6), models: Fixtures.models)
        _ = reduce(&state, .textEntered("next"))
        let effects = reduce(&state, .keyPressed(.enter))
        guard case let .startReply(_, request) = effects.last else { Issue.record("no request"); return }
        #expect(request.turns.map(\.content) == ["question 4", "answer 5", "next"])
        #expect(state.messages.last?.omittedHistory == 4)
    }

    @Test("the first usage of a reply calibrates the estimate, once")
    mutating func calibration() {
        _ = reduce(&state, .textEntered(String(repeating: "word ", count: 200)))
        _ = press(.enter)
        let usage = Usage(promptTokens: 600, completionTokens: 5, totalTokens: 605)
        _ = reduce(&state, .streamEvent(1, .usage(usage)))
        let once = state.tokenEstimate
        #expect(once.calibration > 1)
        _ = reduce(&state, .streamEvent(1, .usage(usage)))
        #expect(state.tokenEstimate == once)
    }

    @Test("thinking is timed while it streams; Alt-T folds and unfolds the last reply's thinking")
    mutating func thinking() {
        _ = reduce(&state, .textEntered("hi"))
        _ = press(.enter)
        _ = reduce(&state, .streamEvent(1, .reasoning("Let me see.")))
        _ = reduce(&state, .tick)
        _ = reduce(&state, .tick)
        #expect(state.messages.last?.thinkingTicks == 2)
        _ = reduce(&state, .streamEvent(1, .content("Hello")))
        _ = reduce(&state, .tick)
        #expect(state.messages.last?.thinkingTicks == 2, "the clock stops when the answer starts")
        #expect(state.messages.last?.showsReasoning == false)
        _ = press(.alt("t"))
        #expect(state.messages.last?.showsReasoning == true)
        _ = press(.alt("t"))
        #expect(state.messages.last?.showsReasoning == false)
    }

    @Test("F1 opens help; Esc closes it")
    mutating func help() {
        _ = press(.function(1))
        #expect(state.overlay == .help(firstEntry: 0))
        _ = press(.character("x"))
        _ = press(.pageDown, .up)
        #expect(state.overlay == .help(firstEntry: HelpPage.shown(overlayRows: state.overlayRows) - 1))
        _ = press(.escape)
        #expect(state.overlay == nil)
    }

    @Test("help stops at its last page: Up after paging past the end moves at once (it did nothing for a while)")
    mutating func helpClamped() {
        _ = reduce(&state, .overlayRowsMeasured(10))
        let last = HelpPage.lastFirstEntry(overlayRows: 10)
        #expect(last > 0, "more keys than fit in 10 rows")
        _ = press(.function(1))
        for _ in 0..<40 { _ = press(.pageDown) }
        #expect(state.overlay == .help(firstEntry: last))
        _ = press(.up)
        #expect(state.overlay == .help(firstEntry: last - 1))
        _ = press(.end)
        #expect(state.overlay == .help(firstEntry: last))
        // A taller window: the last page starts earlier, and an open list follows.
        _ = reduce(&state, .overlayRowsMeasured(30))
        #expect(state.overlay == .help(firstEntry: HelpPage.lastFirstEntry(overlayRows: 30)))
        _ = press(.home)
        #expect(state.overlay == .help(firstEntry: 0))
    }

    @Test("the picker's key table names each key once and leaves letters to the filter")
    func pickerKeys() {
        let keys = PickerKeyMap.bindings.map(\.key)
        #expect(Set(keys).count == keys.count)
        #expect(!keys.contains { if case .character = $0 { return true } else { return false } })
        let main = KeyMap.bindings.map(\.key)
        #expect(Set(main).count == main.count)
    }
}

/// Models the endpoint does not offer: dimmed, explained before a request earns a 404.
@Suite("Reducer: models the endpoint does not offer")
struct UnofferedModelTests {
    /// kimi-k3 is in the catalogue but not on the endpoint's list.
    static let lineup = Fixtures.models.map { model in
        var model = model
        model.isOffered = model.id != "kimi-k3"
        return model
    }

    @Test("Enter on a model not offered explains and keeps the picker; Enter again uses it anyway")
    func explainsFirst() {
        var state = AppState(settings: ChatSettings(model: "kimi-k2.6", hasAPIKey: true), models: Self.lineup)
        _ = reduce(&state, .keyPressed(.ctrl("t")))
        _ = reduce(&state, .textEntered("k3"))
        #expect(state.modelPicker?.knowsOffered == true)
        #expect(reduce(&state, .keyPressed(.enter)) == [])
        #expect(state.conversation.model == "kimi-k2.6")
        #expect(state.modelPicker?.warning == "kimi-k3 is not offered by this endpoint, so its requests would fail (404). "
            + "Enter again uses it anyway.")
        #expect(reduce(&state, .keyPressed(.enter)) == [.setConversationModel(state.conversation)])
        #expect(state.conversation.model == "kimi-k3")
    }

    @Test("the warning goes once the selection moves or the filter changes; the list's own note comes back")
    func warningGoesWithTheSelection() {
        var state = AppState(settings: ChatSettings(model: "kimi-k2.6", hasAPIKey: true), models: Self.lineup)
        _ = reduce(&state, .keyPressed(.ctrl("t")))
        _ = reduce(&state, .modelsListed(Self.lineup, note: nil))
        _ = reduce(&state, .textEntered("k3"))
        _ = reduce(&state, .keyPressed(.enter))
        #expect(state.modelPicker?.warning != nil)
        _ = reduce(&state, .keyPressed(.backspace))
        #expect(state.modelPicker?.warning == nil)
        _ = reduce(&state, .textEntered("3"))
        _ = reduce(&state, .keyPressed(.enter))
        _ = reduce(&state, .keyPressed(.down))
        #expect(state.modelPicker?.warning == nil)
        _ = reduce(&state, .keyPressed(.up))
        _ = reduce(&state, .keyPressed(.enter))
        #expect(state.conversation.model == "kimi-k2.6", "a move asks again before the model not offered is used")
    }

    @Test("without the endpoint's list (offline) nothing counts as not offered: Enter chooses at once")
    func unknownListChoosesAtOnce() {
        let catalogueOnly = Fixtures.models.map { model in
            var model = model
            model.isOffered = false
            return model
        }
        var state = AppState(settings: ChatSettings(model: "kimi-k2.6", hasAPIKey: true), models: catalogueOnly)
        _ = reduce(&state, .keyPressed(.ctrl("t")))
        #expect(state.modelPicker?.knowsOffered == false)
        _ = reduce(&state, .textEntered("k3"))
        _ = reduce(&state, .keyPressed(.enter))
        #expect(state.conversation.model == "kimi-k3")
    }

    @Test("a 404 for a model chosen with Ctrl-T names Ctrl-T; one from --model does not")
    func notFoundNamesThePicker() {
        var state = AppState(settings: ChatSettings(model: "kimi-k2.6", hasAPIKey: true), models: Self.lineup)
        let notFound = ChatError.http(status: 404, type: "resource_not_found_error", message: "Not found the model kimi-k3")
        _ = reduce(&state, .textEntered("hi"))
        _ = reduce(&state, .keyPressed(.enter))
        _ = reduce(&state, .streamFailed(1, notFound))
        #expect(state.messages.last?.text.contains("Ctrl-T") == false)

        _ = reduce(&state, .keyPressed(.ctrl("t")))
        _ = reduce(&state, .textEntered("k3"))
        _ = reduce(&state, .keyPressed(.enter))
        _ = reduce(&state, .keyPressed(.enter))
        _ = reduce(&state, .textEntered("again"))
        _ = reduce(&state, .keyPressed(.enter))
        _ = reduce(&state, .streamFailed(2, notFound))
        #expect(state.messages.last?.text.hasSuffix("kimi-k3 was chosen with Ctrl-T: press Ctrl-T to choose a model this endpoint offers.") == true,
                "\(state.messages.last?.text ?? "")")

        // Another conversation keeps the model but was not set with Ctrl-T.
        _ = reduce(&state, .keyPressed(.ctrl("n")))
        state.conversation.model = "kimi-k3"
        _ = reduce(&state, .textEntered("elsewhere"))
        _ = reduce(&state, .keyPressed(.enter))
        _ = reduce(&state, .streamFailed(3, notFound))
        #expect(state.messages.last?.text.contains("Ctrl-T") == false, "\(state.messages.last?.text ?? "")")
    }
}
