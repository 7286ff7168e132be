import ChatDomain
import ModelCatalogue
import Testing
@testable import ChatCore

@Suite("Models: catalogue, lineup, matching, request rules")
struct ModelTests {
    static let catalogue = (try? BundledModels.load()) ?? []

    @Test("the bundled catalogue is data that decodes, with sane facts for every model")
    func bundledCatalogue() throws {
        let models = try BundledModels.load()
        #expect(models.count >= 8)
        #expect(Set(models.map(\.id)).count == models.count)
        for model in models {
            #expect(model.contextLength >= 8_192, "\(model.id)")
            #expect(model.replyBudget > 0 && model.replyBudget < model.contextLength, "\(model.id)")
            #expect(!model.description.isEmpty)
            #expect(model.fixedSampling || model.temperatureRange != nil, "\(model.id) needs a range or fixed sampling")
        }
        let k3 = try #require(models.first { $0.id == "kimi-k3" })
        #expect(k3.contextLength == 1_048_576)
        #expect(k3.thinking == .always)
    }

    @Test("“k26” finds kimi-k2.6 first; a query is a subsequence, any case; best first")
    func matching() {
        #expect(ModelMatch.rank("k26", Self.catalogue).first?.id == "kimi-k2.6")
        #expect(ModelMatch.rank("K26", Self.catalogue).first?.id == "kimi-k2.6")
        #expect(ModelMatch.rank("8k", Self.catalogue).first?.id == "moonshot-v1-8k")
        #expect(ModelMatch.rank("k3", Self.catalogue).first?.id == "kimi-k3")
        #expect(ModelMatch.rank("code", Self.catalogue).map(\.id).prefix(2) == ["kimi-k2.7-code", "kimi-k2.7-code-highspeed"])
        let v1 = ModelMatch.rank("v1", Self.catalogue)
        #expect(!v1.isEmpty && v1.allSatisfy { $0.id.hasPrefix("moonshot-v1") })
        #expect(ModelMatch.rank("zzz", Self.catalogue).isEmpty)
        #expect(ModelMatch.rank("", Self.catalogue) == Self.catalogue, "no filter: the lineup's order")
        #expect(ModelMatch.rank("62k", Self.catalogue).isEmpty, "characters must come in order")
    }

    @Test("the endpoint's models come first, completed by the catalogue; unknown ones get safe defaults")
    func lineupMerge() {
        let endpoint = [
            EndpointModel(id: "kimi-k2.6", contextLength: 262_144, supportsReasoning: true, supportsImageIn: true),
            EndpointModel(id: "kimi-k9-experimental", contextLength: 65_536, supportsReasoning: true),
            EndpointModel(id: "mystery"),
        ]
        let merged = ModelLineup.merge(endpoint: endpoint, catalogue: Self.catalogue)
        #expect(merged.prefix(3).map(\.id) == ["kimi-k2.6", "kimi-k9-experimental", "mystery"])
        #expect(merged.prefix(3).allSatisfy { $0.isOffered })
        #expect(merged.dropFirst(3).allSatisfy { !$0.isOffered })
        #expect(merged.count == Self.catalogue.count + 2)
        #expect(merged[0].description == Self.catalogue.first { $0.id == "kimi-k2.6" }?.description)
        let unknown = merged[1]
        #expect(unknown.contextLength == 65_536)
        #expect(unknown.thinking == .byDefault)
        #expect(unknown.fixedSampling, "no sampling parameters for a model we know nothing about")
        #expect(unknown.replyBudget == 16_384, "room for thinking, within a quarter of the window")
        let mystery = merged[2]
        #expect(mystery.contextLength == ModelInfo.assumed(id: "x").contextLength)
        #expect(mystery.thinking != .never, "reasoning goes back to a model that might think")
        #expect(ModelLineup.merge(endpoint: nil, catalogue: Self.catalogue) == Self.catalogue)
        #expect(ModelLineup.info(for: "nope", in: merged).id == "nope")
    }

    @Test("request rules: the model's budget, no sampling for fixed models, a clamped one otherwise, reasoning per model")
    func requestRules() {
        let turns = [ChatTurn(role: .user, content: "q"), ChatTurn(role: .assistant, content: "a", reasoning: "r")]
        let request = ChatRequest(model: "x", turns: turns, temperature: 1.7)
        let k26 = Fixtures.models[0]
        let v1 = Fixtures.models[2]
        let fixed = RequestRules.apply(k26, to: request)
        #expect(fixed.temperature == nil)
        #expect(fixed.maxCompletionTokens == 32_768)
        #expect(fixed.turns[1].reasoning == "r", "thinking models get their reasoning back")
        let classic = RequestRules.apply(v1, to: request)
        #expect(classic.temperature == 1.0)
        #expect(classic.maxCompletionTokens == 2_048)
        #expect(classic.turns[1].reasoning == nil, "a model that never thinks is spared the tokens")
        #expect(RequestRules.apply(v1, to: ChatRequest(model: "x", turns: turns)).temperature == nil)
    }

    @Test("a tiny window still leaves a reply budget")
    func tinyWindow() {
        let endpoint = [EndpointModel(id: "ok", contextLength: 1_000)]
        #expect(ModelLineup.merge(endpoint: endpoint, catalogue: []).first?.replyBudget == 256)
    }
}
