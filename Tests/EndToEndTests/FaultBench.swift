import Foundation
import MockMoonshot
import Testing
import TestSupport

/// One fault-matrix case's world: a private kimichat home with a config that keeps
/// retry waits short, and a mock server of the test's own to queue faults on.
struct FaultBench {
    static let key = "sk-faultmatrix-secret-9876"
    let home: KimichatHome
    let server: MockMoonshotServer

    static func start(config: String = "[network]\nretry_delay = 0.05\n", tls: MockTLS? = nil) async throws -> FaultBench {
        let home = try KimichatHome()
        let directory = home.directory.appendingPathComponent("config/kimichat")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try config.write(to: directory.appendingPathComponent("config.toml"), atomically: true, encoding: .utf8)
        var configuration = MockMoonshotServer.Configuration()
        configuration.acceptedKey = key
        configuration.tls = tls
        return FaultBench(home: home, server: try await MockMoonshotServer.start(configuration))
    }

    /// `kimichat ask` against the mock, saving its turn.
    func ask(_ prompt: String = "question", baseURL: String? = nil,
             environment: [String: String] = [:]) async throws -> ProcessResult {
        try await home.run(["ask", "--base-url", baseURL ?? server.baseURL, "--model", "moonshot-v1-8k", prompt],
                           environment: environment.merging(["MOONSHOT_API_KEY": Self.key]) { $1 })
    }

    /// The TUI against the mock, in tmux.
    func launch(_ arguments: String = "", environment: [String: String] = [:], width: Int = 100,
                height: Int = 30) throws -> TmuxSession {
        try home.launch("--base-url \(server.baseURL) --model moonshot-v1-8k \(arguments)",
                        environment: environment.merging(["MOONSHOT_API_KEY": Self.key]) { $1 }, width: width,
                        height: height)
    }

    var chatRequests: Int { server.requests.filter { $0.path == "/v1/chat/completions" }.count }

    /// The messages saved so far in the latest conversation; none yet is an answer too
    /// (for polling while a reply streams).
    func messagesSoFar() async throws -> [[String: Any]] {
        guard let id = try await home.conversations().first?["id"] as? Int else { return [] }
        return try await home.export(id)["messages"] as? [[String: Any]] ?? []
    }

    /// The messages of the latest conversation, as `kimichat export --format json` gives them.
    func savedMessages() async throws -> [[String: Any]] {
        guard let id = try await home.conversations().first?["id"] as? Int else {
            Issue.record("no conversation was saved")
            return []
        }
        return try await home.export(id)["messages"] as? [[String: Any]] ?? []
    }

    func shutdown() async {
        try? await server.shutdown()
    }
}
