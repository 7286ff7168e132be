import ChatDomain
import ChatService
import Foundation
import Logging
import ModelCatalogue
import Persistence

/// The model lineup for this run: the endpoint's GET /v1/models, cached on disk for a
/// day (per base URL), merged with the bundled catalogue. Offline, or before the first
/// fetch, the cache or the catalogue alone.
final class ModelDirectory: ModelListing {
    static let cacheLifetime: TimeInterval = 24 * 60 * 60

    private struct Cache: Codable {
        var baseURL: String
        var fetchedAt: Date
        var models: [EndpointModel]
    }

    private let service: ChatService
    private let baseURL: String
    private let cachePath: String
    private let catalogue: [ModelInfo]
    private let logger: Logger
    /// The demo's server moves to a new port every run: its list is never cached, so
    /// it cannot replace the real endpoint's.
    private let usesCache: Bool

    init(service: ChatService, baseURL: String, usesCache: Bool = true, logger: Logger,
         environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.service = service
        self.baseURL = baseURL
        self.usesCache = usesCache
        self.logger = logger
        cachePath = UserFolders(environment: environment).modelCachePath
        do {
            catalogue = try BundledModels.load()
        } catch {
            logger.error("the bundled model catalogue is unreadable: \(error)")
            catalogue = []
        }
    }

    /// What is known without the network: the cached list (however old), else the catalogue.
    var knownLineup: [ModelInfo] {
        ModelLineup.merge(endpoint: readCache()?.models, catalogue: catalogue)
    }

    func lineup() async -> (models: [ModelInfo], note: String?) {
        let cached = readCache()
        if let cached, abs(Date().timeIntervalSince(cached.fetchedAt)) < Self.cacheLifetime {
            return (ModelLineup.merge(endpoint: cached.models, catalogue: catalogue), nil)
        }
        do {
            let models = try await service.listModels()
            writeCache(Cache(baseURL: baseURL, fetchedAt: Date(), models: models))
            return (ModelLineup.merge(endpoint: models, catalogue: catalogue), nil)
        } catch {
            logger.warning("model list: \(String(describing: error))")
            let fallback = cached == nil ? "the bundled catalogue" : "the list fetched earlier"
            // The reason matters most when it is a certificate or a proxy: it says the fix.
            let reason = (error as? ChatError).map { " " + $0.userMessage } ?? ""
            return (ModelLineup.merge(endpoint: cached?.models, catalogue: catalogue),
                    "Could not fetch the endpoint's models; showing \(fallback).\(reason)")
        }
    }

    private func readCache() -> Cache? {
        guard usesCache, let data = FileManager.default.contents(atPath: cachePath) else { return nil }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        guard let cache = try? decoder.decode(Cache.self, from: data), cache.baseURL == baseURL else { return nil }
        return cache
    }

    private func writeCache(_ cache: Cache) {
        guard usesCache else { return }
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        do {
            try PrivateFiles.makeFolder((cachePath as NSString).deletingLastPathComponent)
            try PrivateFiles.replace(cachePath, with: try encoder.encode(cache))
        } catch {
            logger.warning("could not write the model cache \(cachePath): \(error)")
        }
    }
}
