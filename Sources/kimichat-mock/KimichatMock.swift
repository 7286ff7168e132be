import ArgumentParser
import Foundation
import MockMoonshot

/// Runs the mock Moonshot server on its own, for benchmarks and manual testing.
@main
struct KimichatMock: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kimichat-mock",
        abstract: "A loopback server that answers like Moonshot's Chat Completions API."
    )

    @Option(help: "Port to listen on (0 picks a free one; the chosen port is printed).")
    var port = 0

    @Option(help: "Milliseconds between streamed chunks by default.")
    var pace = 0

    @Option(help: "Append every request as a JSON line to this file.")
    var requestLog: String?

    @Option(help: "Only accept this API key (any non-empty key otherwise).")
    var key: String?

    /// Off by default: any local process could otherwise script the replies or read what was sent.
    @Flag(help: "Serve the /_mock/* control endpoints (queue scenarios, read the requests, stats).")
    var controls = false

    @Option(help: "Serve HTTPS (HTTP/2 by ALPN) with this PEM certificate chain; needs --tls-key.")
    var tlsCertificate: String?

    @Option(help: "The PEM private key for --tls-certificate.")
    var tlsKey: String?

    func validate() throws {
        if (tlsCertificate == nil) != (tlsKey == nil) {
            throw ValidationError("--tls-certificate and --tls-key go together.")
        }
    }

    func run() async throws {
        var configuration = MockMoonshotServer.Configuration()
        configuration.port = port
        configuration.defaultScenario = MockScenario(paceMilliseconds: pace)
        configuration.requestLogPath = requestLog
        configuration.acceptedKey = key
        configuration.controlsEnabled = controls
        if let tlsCertificate, let tlsKey {
            configuration.tls = MockTLS(certificateChainPath: tlsCertificate, privateKeyPath: tlsKey)
        }
        let server = try await MockMoonshotServer.start(configuration)
        // Written unbuffered so a parent process reading our stdout sees the port at once.
        let line = Array("kimichat-mock listening on \(server.baseURL)\n".utf8)
        _ = line.withUnsafeBytes { write(STDOUT_FILENO, $0.baseAddress, $0.count) }
        while true { try await Task.sleep(for: .seconds(3600)) }
    }
}
