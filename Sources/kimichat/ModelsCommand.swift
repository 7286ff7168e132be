import ArgumentParser
import ChatDomain
import Foundation
import TextLayout

/// `kimichat models`: the endpoint's models merged with the bundled catalogue.
struct ModelsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "models",
        abstract: "List the models: what the endpoint offers, merged with the bundled catalogue."
    )

    @OptionGroup var baseURLOption: BaseURLOption
    @OptionGroup var configOption: ConfigOption
    @OptionGroup var demoOption: DemoOption

    var options: GlobalOptions { GlobalOptions(baseURL: baseURLOption, config: configOption, demo: demoOption) }

    func validate() throws { try options.validate() }

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    func run() async throws {
        let logger = FileLogHandler.bootstrap()
        let settings = ResolvedSettings.load(options)
        let endpoint = try await Endpoint.open(settings, logger: logger)
        let directory = ModelDirectory(service: endpoint.service, baseURL: endpoint.baseURL, usesCache: !settings.isDemo, logger: logger)
        let lineup: (models: [ModelInfo], note: String?)
        if endpoint.hasKey {
            lineup = await directory.lineup()
        } else {
            lineup = (directory.knownLineup, "No API key: the bundled catalogue only (set MOONSHOT_API_KEY, or use --demo).")
        }
        await endpoint.close()
        if let note = lineup.note {
            try? FileHandle.standardError.write(contentsOf: Data("kimichat: \(note)\n".utf8))
        }
        do {
            // Without a key there is no endpoint's list (or a cached one) to know it from.
            let known = endpoint.hasKey
            StandardOutput().write(json ? try Self.json(lineup.models, offeredKnown: known)
                                        : Self.table(lineup.models, offeredKnown: known))
        } catch {
            CommandFailure.report(error)
        }
    }

    static func table(_ models: [ModelInfo], offeredKnown: Bool = true) -> String {
        func pad(_ text: String, _ width: Int) -> String {
            text + String(repeating: " ", count: max(1, width - DisplayWidth.of(text)))
        }
        let idWidth = max(8, (models.map { DisplayWidth.of($0.id) }.max() ?? 0) + 2)
        var out = pad("MODEL", idWidth) + pad("CONTEXT", 10) + pad("THINKS", 9) + pad("IMAGES", 8) + pad("OFFERED", 9)
            + "DESCRIPTION\n"
        for model in models {
            out += pad(model.id, idWidth) + pad(String(model.contextLength), 10) + pad(model.thinking.rawValue, 9)
                + pad(model.vision ? "yes" : "no", 8) + pad(offeredKnown ? (model.isOffered ? "yes" : "no") : "unknown", 9) + model.description + "\n"
        }
        return out
    }

    static func json(_ models: [ModelInfo], offeredKnown: Bool = true) throws -> String {
        struct Entry: Encodable {
            var id: String
            var context_length: Int
            var thinking: String
            var vision: Bool
            var reply_budget: Int
            var fixed_sampling: Bool
            /// Null when the endpoint's list could not be had.
            var offered: Bool?
            var description: String

            enum CodingKeys: String, CodingKey {
                case id, context_length, thinking, vision, reply_budget, fixed_sampling, offered, description
            }

            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: CodingKeys.self)
                try container.encode(id, forKey: .id)
                try container.encode(context_length, forKey: .context_length)
                try container.encode(thinking, forKey: .thinking)
                try container.encode(vision, forKey: .vision)
                try container.encode(reply_budget, forKey: .reply_budget)
                try container.encode(fixed_sampling, forKey: .fixed_sampling)
                // null, not left out: "not known" is an answer scripts should see.
                try container.encode(offered, forKey: .offered)
                try container.encode(description, forKey: .description)
            }
        }
        let entries = models.map { model in
            Entry(id: model.id, context_length: model.contextLength, thinking: model.thinking.rawValue,
                  vision: model.vision, reply_budget: model.replyBudget, fixed_sampling: model.fixedSampling,
                  offered: offeredKnown ? model.isOffered : nil, description: model.description)
        }
        return try JSONOutput.text(entries)
    }
}
