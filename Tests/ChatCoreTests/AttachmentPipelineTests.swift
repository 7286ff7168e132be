import ChatDomain
import Foundation
import Testing
@testable import ChatCore

/// Attachments and searches as requests carry them: documents as system messages
/// before their question (in history too), images in the question's content for models
/// that see, searches before their answer, and `$web_search` declared with thinking off.
@Suite("Request pipeline: attachments and searches")
struct AttachmentPipelineTests {
    let thinking = Fixtures.models[0]  // kimi-k2.6: thinks by default, sees
    let alwaysThinks = Fixtures.models[1]  // kimi-k3
    let classic = Fixtures.models[2]  // moonshot-v1-8k: never thinks, does not see

    static let report = ChatDomain.Attachment(name: "report.pdf", byteCount: 2_000,
                                   content: .document(AttachedDocument(text: "Revenue grew 12%.", source: .extracted)))
    static let cat = ChatDomain.Attachment(name: "cat.png", byteCount: 4, content: .image(AttachedImage(
        mediaType: "image/png", pixelSize: PixelSize(width: 56, height: 56), storage: .bytes(Data([1, 2, 3, 4])))))
    static let search = SearchRound(calls: [ToolCall(id: "s1", name: "$web_search",
                                                     arguments: "{\"usage\":{\"total_tokens\":3210}}")])

    private func message(_ id: Int, _ kind: MessageKind, _ text: String, attachments: [ChatDomain.Attachment] = [],
                         searches: [SearchRound] = []) -> TranscriptMessage {
        var message = TranscriptMessage(id: id, kind: kind, text: text)
        message.attachments = attachments
        message.searches = searches
        return message
    }

    @Test("a document goes as a system message right before its question, one per file")
    func documentsBeforeTheQuestion() {
        let planned = RequestPipeline(systemPrompt: "Be brief.", history: .fitContextWindow)
            .request(for: "Summarise it", attachments: [Self.report, Self.report], after: [], model: thinking,
                     estimate: TokenEstimate())
        #expect(planned.request.turns.map(\.role) == [.system, .system, .system, .user])
        #expect(planned.request.turns[1].content == "[file: report.pdf]\nRevenue grew 12%.")
        #expect(planned.request.turns[3].content == "Summarise it")
    }

    @Test("an image rides in its question's content; a model that does not see gets the text alone")
    func imagesInTheQuestion() {
        let seeing = RequestPipeline(systemPrompt: nil, history: .fitContextWindow)
            .request(for: "What is this?", attachments: [Self.cat], after: [], model: thinking, estimate: TokenEstimate())
        #expect(seeing.request.turns.last?.images == [TurnImage(name: "cat.png", image: Self.cat.imageContent!)])
        let blind = RequestPipeline(systemPrompt: nil, history: .fitContextWindow)
            .request(for: "What is this?", attachments: [Self.cat], after: [], model: classic, estimate: TokenEstimate())
        #expect(blind.request.turns.last?.images == [])
        #expect(blind.request.turns.last?.content == "What is this?")
    }

    @Test("later turns send earlier attachments and searches again, in their places, without asking for them anew")
    func historyResendsThem() {
        let earlier = [
            message(1, .user, "Read this", attachments: [Self.report, Self.cat]),
            message(2, .assistant, "It says revenue grew.", searches: [Self.search]),
        ]
        let planned = RequestPipeline(systemPrompt: nil, history: .fitContextWindow)
            .request(for: "And costs?", after: earlier, model: thinking, estimate: TokenEstimate(), webSearch: true)
        let turns = planned.request.turns
        #expect(turns.map(\.role) == [.system, .user, .assistant, .tool, .assistant, .user])
        #expect(turns[1].images.count == 1)
        #expect(turns[2].toolCalls == Self.search.calls)
        #expect(turns[3].content == Self.search.calls[0].arguments, "the arguments go back unchanged")
        #expect(turns[4].content == "It says revenue grew.")
        #expect(planned.roundsSent == 1)
    }

    @Test("a request that thinks sends earlier searched replies as their answers alone (Kimi refuses tool calls without reasoning)")
    func thinkingDropsSearchTurns() {
        let earlier = [message(1, .user, "News?"), message(2, .assistant, "Sunny.", searches: [Self.search])]
        let pipeline = RequestPipeline(systemPrompt: nil, history: .fitContextWindow)
        for (model, search) in [(thinking, false), (alwaysThinks, true), (alwaysThinks, false)] {
            let turns = pipeline.request(for: "And now?", after: earlier, model: model, estimate: TokenEstimate(),
                                         webSearch: search).request.turns
            #expect(turns.map(\.role) == [.user, .assistant, .user], "\(model.id), search \(search)")
            #expect(turns[1].content == "Sunny.")
        }
        let classicTurns = pipeline.request(for: "And now?", after: earlier, model: classic, estimate: TokenEstimate())
            .request.turns
        #expect(classicTurns.map(\.role) == [.user, .assistant, .tool, .assistant, .user], "a model that never thinks takes them")
    }

    @Test("a round with its documents is left out whole when history must shrink")
    func documentsLeaveWithTheirRound() {
        let newer = ChatDomain.Attachment(name: "b.md", byteCount: 3,
                                          content: .document(AttachedDocument(text: "B", source: .inline)))
        let earlier = [
            message(1, .user, "Old", attachments: [Self.report]), message(2, .assistant, "Old answer"),
            message(3, .user, "New", attachments: [newer]), message(4, .assistant, "New answer"),
        ]
        let planned = RequestPipeline(systemPrompt: "S", history: .keepRounds(1))
            .request(for: "Q", after: earlier, model: thinking, estimate: TokenEstimate())
        #expect(planned.request.turns.map(\.content) == ["S", "[file: b.md]\nB", "New", "New answer", "Q"])
        #expect(planned.omitted == 3, "the document, its question and its answer")
    }

    @Test("with web search on, $web_search is declared and thinking turned off where the model allows")
    func webSearchDeclared() {
        let pipeline = RequestPipeline(systemPrompt: nil, history: .fitContextWindow)
        let onThinking = pipeline.request(for: "News?", after: [], model: thinking, estimate: TokenEstimate(),
                                          webSearch: true).request
        #expect(onThinking.webSearch && onThinking.thinkingDisabled)
        let onClassic = pipeline.request(for: "News?", after: [], model: classic, estimate: TokenEstimate(),
                                         webSearch: true).request
        #expect(onClassic.webSearch && !onClassic.thinkingDisabled, "a model that never thinks needs no switch")
        let onK3 = pipeline.request(for: "News?", after: [], model: alwaysThinks, estimate: TokenEstimate(),
                                    webSearch: true).request
        #expect(!onK3.webSearch && !onK3.thinkingDisabled, "a model that always thinks cannot search")
        let off = pipeline.request(for: "News?", after: [], model: thinking, estimate: TokenEstimate()).request
        #expect(!off.webSearch && !off.thinkingDisabled)
    }

    @Test("the searches of the reply under way go after the question")
    func searchesSoFar() {
        let planned = RequestPipeline(systemPrompt: nil, history: .fitContextWindow)
            .request(for: "News?", searches: [Self.search], after: [], model: thinking, estimate: TokenEstimate(),
                     webSearch: true)
        #expect(planned.request.turns.map(\.role) == [.user, .assistant, .tool])
    }

    @Test("images are few tokens but many bytes: old rounds with images leave before the body passes the limit")
    func bodyBytesBudget() {
        let big = ChatDomain.Attachment(name: "big.png", byteCount: 30 << 20, content: .image(AttachedImage(
            mediaType: "image/png", pixelSize: PixelSize(width: 100, height: 100),
            storage: .bytes(Data(count: 30 << 20)))))
        let earlier = (0..<4).flatMap { index in
            [message(index * 2 + 1, .user, "Q\(index)", attachments: [big]), message(index * 2 + 2, .assistant, "A\(index)")]
        }
        let planned = RequestPipeline(systemPrompt: nil, history: .fitContextWindow)
            .request(for: "Q", after: earlier, model: thinking, estimate: TokenEstimate())
        let images = planned.request.turns.reduce(0) { $0 + $1.images.count }
        #expect(images == 2, "two 40 MB images as base64 fit under 90 MB; a third would not")
        #expect(planned.omitted == 4)
    }
}

extension ChatDomain.Attachment {
    var imageContent: AttachedImage? {
        if case let .image(image) = content { return image }
        return nil
    }
}
