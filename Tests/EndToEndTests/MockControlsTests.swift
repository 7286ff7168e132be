import Foundation
import MockMoonshot
import Testing
import TestSupport

/// The mock's `/_mock/*` control endpoints answer only when asked for: otherwise any
/// local process could read a demo's messages or script its replies.
@Suite("The mock's control endpoints", .timeLimit(.minutes(1)))
struct MockControlsTests {
    static let controls = [("GET", "/_mock/stats"), ("GET", "/_mock/requests"), ("POST", "/_mock/scenarios")]
    static let scenario = #"{"reply":"scripted"}"#

    @Test("an in-process server: off by default (404 like any unknown route), on through its configuration")
    func inProcess() async throws {
        let closed = try await MockMoonshotServer.start()
        defer { Task { try? await closed.shutdown() } }
        for (method, path) in Self.controls {
            #expect(try await Loopback.status(method, path, port: closed.port, body: Self.scenario) == 404,
                    "\(method) \(path)")
        }
        #expect(closed.requests.isEmpty, "control requests are not logged either way")

        var configuration = MockMoonshotServer.Configuration()
        configuration.controlsEnabled = true
        let open = try await MockMoonshotServer.start(configuration)
        defer { Task { try? await open.shutdown() } }
        for (method, path) in Self.controls {
            #expect(try await Loopback.status(method, path, port: open.port, body: Self.scenario) == 200,
                    "\(method) \(path)")
        }
    }

    @Test("kimichat-mock: off unless --controls")
    func standalone() async throws {
        for (flag, expected) in [("", 404), ("--controls", 200)] {
            let session = try TmuxSession(command: "\(try Binaries.path(of: "kimichat-mock")) --port 0 \(flag)")
            defer { session.kill() }
            let port = try Self.port(in: try await session.waitFor("listening on http://127.0.0.1:"))
            #expect(try await Loopback.status("GET", "/v1/models", port: port) == 401, "the server answers")
            for (method, path) in Self.controls {
                #expect(try await Loopback.status(method, path, port: port, body: Self.scenario) == expected,
                        "\(method) \(path) \(flag)")
            }
        }
    }

    @Test("kimichat --demo: its server has no controls")
    func demo() async throws {
        let home = try KimichatHome()
        let session = try home.launch("--demo")
        try await session.waitFor("Demo mode")
        let log = home.directory.appendingPathComponent("kimichat/kimichat.log").path
        let port = try Self.port(in: try String(contentsOfFile: log, encoding: .utf8))
        #expect(try await Loopback.status("GET", "/v1/models", port: port) == 401, "the demo server answers")
        for (method, path) in Self.controls {
            #expect(try await Loopback.status(method, path, port: port, body: Self.scenario) == 404, "\(method) \(path)")
        }
        try session.press("C-q")
        try await session.waitFor("[exited 0]")
    }

    /// The port of the first `http://127.0.0.1:PORT` in `text`.
    static func port(in text: String) throws -> Int {
        let marker = "http://127.0.0.1:"
        let range = try #require(text.range(of: marker), "no \(marker) in: \(text)")
        return try #require(Int(text[range.upperBound...].prefix { $0.isNumber }))
    }
}
