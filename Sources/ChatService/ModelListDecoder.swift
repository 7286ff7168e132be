import ChatDomain
import Foundation

/// GET /models' body (`{"object":"list","data":[{"id":…,"context_length":…}]}`) as our
/// own type. Unknown fields are ignored; entries without an id are skipped.
enum ModelListDecoder {
    private struct Body: Decodable {
        var data: [Lenient]
    }

    /// One entry, or nil when it does not decode: one odd entry must not lose the list.
    private struct Lenient: Decodable {
        var entry: Entry?
        init(from decoder: any Decoder) throws { entry = try? Entry(from: decoder) }
    }

    private struct Entry: Decodable {
        var id: String?
        var context_length: Int?
        var supports_reasoning: Bool?
        var supports_image_in: Bool?
    }

    static func decode(_ body: String) throws -> [EndpointModel] {
        do {
            let decoded = try JSONDecoder().decode(Body.self, from: Data(body.utf8))
            return decoded.data.compactMap(\.entry).compactMap { entry in
                entry.id.map { EndpointModel(id: $0, contextLength: entry.context_length,
                                             supportsReasoning: entry.supports_reasoning,
                                             supportsImageIn: entry.supports_image_in) }
            }
        } catch {
            throw ChatError.malformedStream("the model list was not the expected JSON")
        }
    }
}
