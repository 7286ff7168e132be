import ChatDomain
import Foundation
import ScreenKit
import Testing
@testable import ChatCore

/// Alt-A, the tray of chips, a pasted path, and what the runtime reports as files are
/// read: every file goes with the next message, and a file that fails loses nothing else.
@Suite("Reducer: attachments")
struct ReducerAttachmentTests {
    var state = AppState(settings: ChatSettings(model: "kimi-k2.6", systemPrompt: nil, hasAPIKey: true),
                         models: Fixtures.models)
    static let report = ChatDomain.Attachment(name: "report.pdf", byteCount: 2_202_010,
                                              content: .document(AttachedDocument(text: "Revenue grew.", source: .extracted)))
    static let cat = ChatDomain.Attachment(name: "cat.png", byteCount: 4, content: .image(AttachedImage(
        mediaType: "image/png", pixelSize: PixelSize(width: 1024, height: 768), storage: .bytes(Data([1, 2, 3, 4])))))

    mutating func type(_ text: String) {
        for character in text { _ = reduce(&state, .keyPressed(.character(character))) }
    }

    /// Alt-A, a path, Enter: the id of the file asked for.
    mutating func attach(_ path: String) -> Int? {
        _ = reduce(&state, .keyPressed(.alt("a")))
        _ = reduce(&state, .textEntered(path))
        let effects = reduce(&state, .keyPressed(.enter))
        for effect in effects {
            if case let .prepareAttachment(id, asked) = effect, asked == path { return id }
        }
        return nil
    }

    static func request(_ effects: [AppEffect]) -> ChatRequest? {
        for effect in effects { if case let .startReply(_, request) = effect { return request } }
        return nil
    }

    @Test("Alt-A opens the path prompt; Tab asks for completions and takes the answer; Esc attaches nothing")
    mutating func pathPrompt() {
        _ = reduce(&state, .keyPressed(.alt("a")))
        #expect(state.pathPrompt != nil)
        _ = reduce(&state, .textEntered("~/Doc"))
        #expect(state.input.isEmpty, "the path goes to the prompt, not the draft")
        let effects = reduce(&state, .keyPressed(.tab))
        guard case let .completePath(request, typed)? = effects.first, effects.count == 1 else {
            Issue.record("Tab asked for no completion: \(effects)")
            return
        }
        #expect(typed == "~/Doc")
        _ = reduce(&state, .pathCompleted(request: request, path: "~/Documents/", choices: []))
        #expect(state.pathPrompt?.field.text == "~/Documents/")
        _ = reduce(&state, .pathCompleted(request: request - 1, path: "~/stale", choices: ["x"]))
        #expect(state.pathPrompt?.field.text == "~/Documents/", "an older Tab's answer is dropped")
        _ = reduce(&state, .keyPressed(.escape))
        #expect(state.pathPrompt == nil)
        #expect(state.tray.isEmpty)
    }

    @Test("a document and an image go with the next message: the document as a system message, the image in the content")
    mutating func sendWithAttachments() throws {
        let document = try #require(attach("~/report.pdf"))
        #expect(state.tray.items.map(\.chip) == ["report.pdf · reading…"])
        _ = reduce(&state, .attachmentProgressed(id: document, .uploading))
        #expect(state.tray.items.map(\.chip) == ["report.pdf · uploading…"])
        _ = reduce(&state, .attachmentPrepared(id: document, Self.report))
        let image = try #require(attach("/tmp/cat.png"))
        _ = reduce(&state, .attachmentPrepared(id: image, Self.cat))
        #expect(state.tray.items.map(\.chip) == ["report.pdf · 2.1 MB", "cat.png · 1024×768"])
        type("What do these show?")
        let effects = reduce(&state, .keyPressed(.enter))
        let request = try #require(Self.request(effects))
        #expect(request.turns.map(\.role) == [.system, .user])
        #expect(request.turns[0].content.contains("Revenue grew."))
        #expect(request.turns[1].images.map(\.name) == ["cat.png"])
        #expect(state.tray.isEmpty, "the chips went with the message")
        #expect(state.messages[0].attachments == [Self.report, Self.cat])
        #expect(effects.saves.first?.message.attachments == [Self.report, Self.cat], "saved with the question")
    }

    @Test("a file that fails is named in the transcript; the draft and the other files stay")
    mutating func failureLosesNothing() throws {
        let good = try #require(attach("a.md"))
        _ = reduce(&state, .attachmentPrepared(id: good, Self.report))
        let bad = try #require(attach("/nope.pdf"))
        type("my draft")
        _ = reduce(&state, .attachmentFailed(id: bad, "No file at /nope.pdf: check the path (Tab completes it)."))
        #expect(state.input.text == "my draft")
        #expect(state.tray.items.map(\.id) == [good])
        #expect(state.messages.last?.kind == .error)
        #expect(state.messages.last?.text.hasPrefix("No file at /nope.pdf") == true)
    }

    @Test("Enter while a file is still on its way sends once it is ready; a failure then keeps the message")
    mutating func sendWhenReady() throws {
        let id = try #require(attach("big.pdf"))
        type("Summarise")
        #expect(Self.request(reduce(&state, .keyPressed(.enter))) == nil)
        #expect(state.sendsWhenAttached)
        #expect(state.input.text == "Summarise")
        let effects = reduce(&state, .attachmentPrepared(id: id, Self.report))
        #expect(Self.request(effects)?.turns.first?.role == .system, "sent with the document")

        let late = try #require(attach("late.pdf"))
        type("Again")
        _ = reduce(&state, .keyPressed(.enter))
        _ = reduce(&state, .streamEvents(1, [.content("ok"), .finished(.stop), .done]))
        _ = reduce(&state, .keyPressed(.enter))
        _ = reduce(&state, .attachmentFailed(id: late, "Failed uploading late.pdf."))
        #expect(!state.sendsWhenAttached)
        #expect(state.input.text == "Again")
        #expect(state.messages.last?.text.contains("Your message was not sent") == true)
    }

    @Test("an image for a model that does not see: the chip stays, sending is refused with advice to press Ctrl-T")
    mutating func imageWithoutVision() throws {
        state.conversation.model = "moonshot-v1-8k"
        let id = try #require(attach("cat.png"))
        _ = reduce(&state, .attachmentPrepared(id: id, Self.cat))
        #expect(state.statusNote?.contains("moonshot-v1-8k does not take images") == true)
        type("What is it?")
        #expect(Self.request(reduce(&state, .keyPressed(.enter))) == nil)
        #expect(state.input.text == "What is it?")
        #expect(state.statusNote?.contains("Ctrl-T") == true)
    }

    @Test("Backspace at the start of the input selects the last chip, a second removes it; elsewhere it edits")
    mutating func removeChips() throws {
        let first = try #require(attach("a.md"))
        let second = try #require(attach("b.md"))
        type("x")
        _ = reduce(&state, .keyPressed(.backspace))
        #expect(state.input.isEmpty && state.tray.items.count == 2, "the draft's character went first")
        _ = reduce(&state, .keyPressed(.backspace))
        #expect(state.tray.selected == 1)
        _ = reduce(&state, .keyPressed(.left))
        #expect(state.tray.selected == 0)
        _ = reduce(&state, .keyPressed(.backspace))
        #expect(state.tray.items.map(\.id) == [second])
        _ = reduce(&state, .keyPressed(.backspace))
        _ = reduce(&state, .keyPressed(.character("y")))
        #expect(state.tray.selected == nil && state.tray.items.map(\.id) == [second], "typing deselects")
        _ = first
    }

    @Test("a pasted path of a file offers to attach it; Enter takes the pasted text back out and attaches")
    mutating func pastedPath() {
        type("see ")
        _ = reduce(&state, .keyPressed(.pasteBegin))
        _ = reduce(&state, .textEntered("'/tmp/my file.png'"))
        let effects = reduce(&state, .keyPressed(.pasteEnd))
        #expect(effects == [.checkPastedPath(path: "/tmp/my file.png", pasted: "'/tmp/my file.png'")])
        _ = reduce(&state, .pastedFileFound(path: "/tmp/my file.png", pasted: "'/tmp/my file.png'"))
        #expect(state.statusNote?.contains("Enter attaches my file.png") == true)
        let attached = reduce(&state, .keyPressed(.enter))
        #expect(attached.contains { if case .prepareAttachment(_, "/tmp/my file.png") = $0 { true } else { false } })
        #expect(state.input.text == "see ")
        #expect(state.messages.isEmpty, "Enter attached; it did not send")
    }

    @Test("any other key after the offer keeps the pasted text as typed")
    mutating func offerDeclined() {
        _ = reduce(&state, .keyPressed(.pasteBegin))
        _ = reduce(&state, .textEntered("/tmp/a.txt"))
        _ = reduce(&state, .keyPressed(.pasteEnd))
        _ = reduce(&state, .pastedFileFound(path: "/tmp/a.txt", pasted: "/tmp/a.txt"))
        _ = reduce(&state, .textEntered("!"))
        #expect(state.attachOffer == nil)
        #expect(state.input.text == "/tmp/a.txt!")
        #expect(state.tray.isEmpty)
    }

    @Test("Alt-E on a question with attachments brings them back as chips; Esc restores the draft's own")
    mutating func editKeepsAttachments() throws {
        let id = try #require(attach("r.pdf"))
        _ = reduce(&state, .attachmentPrepared(id: id, Self.report))
        type("Q1")
        _ = reduce(&state, .keyPressed(.enter))
        _ = reduce(&state, .streamEvents(1, [.content("A1"), .finished(.stop), .done]))
        let draftFile = try #require(attach("draft.md"))
        _ = reduce(&state, .keyPressed(.alt("e")))
        #expect(state.tray.ready == [Self.report])
        let effects = reduce(&state, .keyPressed(.enter))
        #expect(Self.request(effects)?.turns.first?.role == .system, "the edit goes with the document")
        #expect(state.tray.items.map(\.id) == [draftFile], "the draft's chip came back")
    }

    @Test("a file still on its way when Alt-E parks the draft lands in its chip when Esc brings the draft back")
    mutating func editWhileUploading() throws {
        type("Q1")
        _ = reduce(&state, .keyPressed(.enter))
        _ = reduce(&state, .streamEvents(1, [.content("A1"), .finished(.stop), .done]))
        let big = try #require(attach("big.pdf"))
        type("draft")
        _ = reduce(&state, .keyPressed(.enter))
        #expect(state.sendsWhenAttached)
        _ = reduce(&state, .keyPressed(.alt("e")))
        #expect(!state.sendsWhenAttached, "the edit is not sent by the draft's file")
        let duringEdit = try #require(attach("cat.png"))
        #expect(duringEdit != big, "ids are the run's, never reused")
        _ = reduce(&state, .attachmentProgressed(id: big, .uploading))
        let sent = reduce(&state, .attachmentPrepared(id: big, Self.report))
        #expect(Self.request(sent) == nil, "a parked file sends nothing")
        _ = reduce(&state, .keyPressed(.escape))
        #expect(state.tray.items.map(\.id) == [big])
        #expect(state.tray.ready == [Self.report], "the result reached the parked chip")
        #expect(state.input.text == "draft")
    }

    @Test("typing after Tab makes the slower answer of that Tab stale: it never overwrites what was typed")
    mutating func staleCompletion() {
        _ = reduce(&state, .keyPressed(.alt("a")))
        _ = reduce(&state, .textEntered("~/Doc"))
        let asked = reduce(&state, .keyPressed(.tab))
        guard case let .completePath(request, _)? = asked.first else {
            Issue.record("no completion asked")
            return
        }
        _ = reduce(&state, .textEntered("uments/x"))
        _ = reduce(&state, .pathCompleted(request: request, path: "~/Documents/", choices: []))
        #expect(state.pathPrompt?.field.text == "~/Documents/x")
    }

    @Test("a fork keeps the question's files, the reply's searches and the web-search switch")
    mutating func forkKeepsThem() throws {
        let id = try #require(attach("r.pdf"))
        _ = reduce(&state, .attachmentPrepared(id: id, Self.report))
        _ = reduce(&state, .keyPressed(.alt("w")))
        type("Q1")
        _ = reduce(&state, .keyPressed(.enter))
        let call = ToolCall(id: "s1", name: "$web_search", arguments: "{}")
        let searched = reduce(&state, .streamEvents(1, [
            .toolCall(ToolCallFragment(index: 0, id: call.id, name: call.name, arguments: call.arguments)),
            .finished(.toolCalls), .done,
        ]))
        guard case let .startReply(second, _)? = searched.last else {
            Issue.record("no second request")
            return
        }
        _ = reduce(&state, .streamEvents(second, [.content("A1"), .finished(.stop), .done]))
        let effects = reduce(&state, .keyPressed(.ctrl("x"))) + reduce(&state, .keyPressed(.character("f")))
        guard case let .forkConversation(fork)? = effects.last else {
            Issue.record("no fork")
            return
        }
        #expect(fork.messages[0].attachments == [Self.report])
        #expect(fork.messages[1].searches == [SearchRound(calls: [call])])
        #expect(fork.webSearch)
    }

    @Test("choosing a model that does not see, with images in the conversation, says they will be left out")
    mutating func switchingToBlindModel() throws {
        let id = try #require(attach("cat.png"))
        _ = reduce(&state, .attachmentPrepared(id: id, Self.cat))
        type("Look")
        _ = reduce(&state, .keyPressed(.enter))
        _ = reduce(&state, .streamEvents(1, [.content("A cat."), .finished(.stop), .done]))
        _ = reduce(&state, .keyPressed(.ctrl("t")))
        for character in "moonshot-v1-8k" { _ = reduce(&state, .textEntered(String(character))) }
        _ = reduce(&state, .keyPressed(.enter))
        #expect(state.messages.last?.text.contains("the image in this conversation will be left out") == true)
    }
}
