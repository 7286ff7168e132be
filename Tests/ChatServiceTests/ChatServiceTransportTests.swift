import ChatDomain
import Foundation
import MockMoonshot
import TestSupport
import Testing
@testable import ChatService

/// The paths real users take: TLS with HTTP/2, a real reverse proxy (nginx) in front
/// of the API, certificates that do not verify, names that do not resolve. Every
/// failure must read as words.
@Suite("Chat service over TLS, HTTP/2 and nginx")
struct ChatServiceTransportTests {
    private let question = ChatRequest(model: "moonshot-v1-8k", turns: [ChatTurn(role: .user, content: "hi")])

    private func text(_ events: [StreamEvent]) -> String {
        events.compactMap { if case let .content(piece) = $0 { piece } else { nil } }.joined()
    }

    // MARK: - Trust

    @Test("a certificate that does not verify: at once, never retried, naming the host and ca_file / SSL_CERT_FILE")
    func untrustedCertificate() async throws {
        try await withMockServer(over: .tlsHTTP2, { configuration in
            configuration.trustRootFiles = []  // the system store only: the test CA is unknown to it
            // Waits long enough that a retry could not hide inside the time allowed below.
            configuration.retry = RetryPolicy(maxAttempts: 4, baseDelay: 60)
        }) { server, service in
            let started = ContinuousClock.now
            let (events, failure) = await collect(service.streamReply(to: question))
            #expect(events.isEmpty, "no retry notice: \(events)")
            guard case let .untrustedServer(reason) = failure else {
                Issue.record("expected an untrusted certificate, got \(String(describing: failure))")
                return
            }
            #expect(reason.contains("127.0.0.1"))
            #expect(reason.contains("ca_file") && reason.contains("SSL_CERT_FILE"))
            expectReadable(failure)
            // A retry would wait at least 45 s (60 s less its jitter); the bound leaves a
            // loaded machine room (the whole suite once took 21 s to get this far).
            #expect(ContinuousClock.now - started < .seconds(40), "not retried with backoff")
            #expect(server.requests.isEmpty, "nothing was sent over an unverified connection")
        }
    }

    @Test("a CA file names the private CA to trust; verification stays on")
    func caFileTrusted() async throws {
        try await withMockServer(over: .tlsHTTP2) { server, service in
            server.enqueue(MockScenario(reply: "trusted"))
            let (events, failure) = await collect(service.streamReply(to: question))
            #expect(failure == nil)
            #expect(text(events) == "trusted")
        }
    }

    @Test("a CA file that is missing, unreadable or not PEM is named with the setting")
    func caFileProblems() throws {
        let folder = try Binaries.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let missing = folder.appendingPathComponent("missing.pem").path
        #expect(TrustRoots.problem(withFile: missing, setting: "network.ca_file")
            == "network.ca_file names \(missing), which does not exist")
        let junk = folder.appendingPathComponent("junk.pem").path
        try "not a certificate".write(toFile: junk, atomically: true, encoding: .utf8)
        #expect(TrustRoots.problem(withFile: junk, setting: "SSL_CERT_FILE")?.contains("PEM") == true)
        #expect(TrustRoots.problem(withFile: TestCertificates.caPath, setting: "SSL_CERT_FILE") == nil)
        // Only the start is read: a header after a long preamble, across the reads, still counts.
        let certificate = try String(contentsOfFile: TestCertificates.caPath, encoding: .utf8)
        for preamble in [16_370, 16_384, 40_000] {
            let bundle = folder.appendingPathComponent("bundle-\(preamble).pem").path
            try (String(repeating: "#", count: preamble) + "\n" + certificate).write(toFile: bundle, atomically: true,
                                                                                     encoding: .utf8)
            #expect(TrustRoots.problem(withFile: bundle, setting: "SSL_CERT_FILE") == nil, "preamble \(preamble)")
        }
        let long = folder.appendingPathComponent("long.pem").path
        try String(repeating: "no certificate here\n", count: 5_000).write(toFile: long, atomically: true, encoding: .utf8)
        #expect(TrustRoots.problem(withFile: long, setting: "SSL_CERT_FILE")?.contains("PEM") == true)
    }

    @Test("https:// to a server that speaks plain HTTP says so")
    func plainServerOverTLS() async throws {
        try await withMockServer(over: .http1, { configuration in
            configuration.baseURL = configuration.baseURL.replacingOccurrences(of: "http://", with: "https://")
        }) { _, service in
            let (_, failure) = await collect(service.streamReply(to: question))
            guard case let .connection(reason) = failure else {
                Issue.record("expected a connection error, got \(String(describing: failure))")
                return
            }
            #expect(reason.contains("does not speak TLS"), "\(reason)")
            expectReadable(failure)
        }
    }

    // MARK: - Names and ports

    @Test("a name that does not resolve: cannot find HOST — check the network or base_url")
    func unknownHost() async throws {
        let failure = await failure(reaching: "https://kimichat-test.invalid/v1")
        #expect(failure == .connection("cannot find kimichat-test.invalid — check the network or base_url"))
        expectReadable(failure)
    }

    @Test("a refused port, from a socket this test bound and closed, is said in words")
    func refusedPort() async throws {
        let failure = await failure(reaching: "https://127.0.0.1:\(try Loopback.refusedPort())/v1")
        #expect(failure == .connection("connection refused by 127.0.0.1 — is the address right and the server up?"))
    }

    /// How one try at `baseURL` fails.
    private func failure(reaching baseURL: String) async -> ChatError? {
        var configuration = ChatServiceConfiguration(baseURL: baseURL, apiKey: "k")
        configuration.retry = .never
        let service = ChatService(configuration: configuration)
        let (_, failure) = await collect(service.streamReply(to: question))
        await service.shutdown()
        return failure
    }

    // MARK: - A real reverse proxy

    @Test("through nginx (TLS, HTTP/2, proxy_buffering off): the reply arrives exactly, on HTTP/2")
    func throughNginx() async throws {
        try await withMockServer(over: .http1) { server, _ in
            let nginx = try await ReverseProxy.start(upstreamPort: server.port)
            defer { nginx.stop() }
            let service = ChatService(configuration: nginxConfiguration(nginx))
            let reply = (1...300).map { "词\($0) word\($0)," }.joined(separator: " ") + " 完。"
            server.enqueue(MockScenario(reply: reply, paceMilliseconds: 1))
            let (events, failure) = await collect(service.streamReply(to: question))
            await service.shutdown()
            #expect(failure == nil)
            #expect(text(events) == reply)
            #expect(events.last == .done)
            #expect(nginx.read("access.log").contains("POST /v1/chat/completions HTTP/2.0 200"),
                    "\(nginx.read("access.log"))")
        }
    }

    @Test("through nginx, a reply cut upstream is interrupted, what arrived kept, said in words")
    func cutThroughNginx() async throws {
        try await withMockServer(over: .http1) { server, _ in
            let nginx = try await ReverseProxy.start(upstreamPort: server.port)
            defer { nginx.stop() }
            let service = ChatService(configuration: nginxConfiguration(nginx))
            server.enqueue(MockScenario(reply: "one two three four five six", cutAfterTokens: 3))
            let (events, failure) = await collect(service.streamReply(to: question))
            await service.shutdown()
            // A prefix: AsyncHTTPClient drops body data it has buffered when an HTTP/2
            // reset arrives right behind it (docs/reliability.md).
            #expect("one two three ".hasPrefix(text(events)), "\(text(events))")
            guard case .interrupted = failure else {
                Issue.record("expected interrupted, got \(String(describing: failure))")
                return
            }
            expectReadable(failure)
        }
    }

    @Test("nginx with its upstream down answers a 502 page: the status and title, never HTML")
    func gatewayPage() async throws {
        let nginx = try await ReverseProxy.start(upstreamPort: try Loopback.refusedPort())
        defer { nginx.stop() }
        let service = ChatService(configuration: nginxConfiguration(nginx))
        let (_, failure) = await collect(service.streamReply(to: question))
        await service.shutdown()
        guard case let .gatewayPage(status, summary) = failure else {
            Issue.record("expected a gateway page, got \(String(describing: failure))")
            return
        }
        #expect(status == 502)
        #expect(summary.hasPrefix("the server answered 502 Bad Gateway"))
        #expect(!summary.contains("<"))
        expectReadable(failure)
    }

    private func nginxConfiguration(_ nginx: LoopbackDaemon) -> ChatServiceConfiguration {
        var configuration = ChatServiceConfiguration(baseURL: "https://localhost:\(nginx.port)/v1", apiKey: harnessKey)
        configuration.trustRootFiles = [TestCertificates.caPath]
        configuration.retry = .never
        return configuration
    }
}

/// Pure pieces of the transport: proxy choice as curl makes it, HTML error pages.
@Suite("Proxy choice and gateway pages")
struct TransportRulesTests {
    private let api = "https://api.moonshot.ai/v1"

    @Test("HTTPS_PROXY or https_proxy, else ALL_PROXY, for an https base URL")
    func environmentProxies() throws {
        let upper = try ProxyChoice.proxy(for: api, configured: nil, environment: ["HTTPS_PROXY": "http://p:3128"])
        #expect(upper == ProxyServer(kind: .http, host: "p", port: 3128, source: "HTTPS_PROXY"))
        let lower = try ProxyChoice.proxy(for: api, configured: nil,
                                          environment: ["https_proxy": "p2:8080", "HTTPS_PROXY": "http://p:3128"])
        #expect(lower?.address == "p2:8080")
        #expect(lower?.source == "https_proxy")
        let all = try ProxyChoice.proxy(for: api, configured: nil, environment: ["ALL_PROXY": "socks5://s:1081"])
        #expect(all == ProxyServer(kind: .socks5, host: "s", port: 1081, source: "ALL_PROXY"))
        #expect(try ProxyChoice.proxy(for: api, configured: nil, environment: ["http_proxy": "http://p:1"]) == nil,
                "http_proxy is for http:// URLs")
        #expect(try ProxyChoice.proxy(for: "http://127.0.0.1:9/v1", configured: nil,
                                      environment: ["HTTP_PROXY": "http://p:1"]) == nil,
                "curl ignores the upper-case HTTP_PROXY")
    }

    @Test("[network] proxy beats the environment; an empty one means no proxy")
    func configuredProxy() throws {
        let environment = ["HTTPS_PROXY": "http://env:1"]
        let configured = try ProxyChoice.proxy(for: api, configured: "http://user:p%40ss@cfg:3128",
                                               environment: environment)
        #expect(configured == ProxyServer(kind: .http, host: "cfg", port: 3128, username: "user", password: "p@ss",
                                          source: "network.proxy"))
        #expect(try ProxyChoice.proxy(for: api, configured: "", environment: environment) == nil)
    }

    @Test("NO_PROXY: names and their subdomains, a leading dot, ports ignored, IPs exactly, *",
          arguments: [("moonshot.ai", true), (".moonshot.ai", true), ("api.moonshot.ai", true),
                      ("oonshot.ai", false), ("example.com,moonshot.ai:443", true), ("*", true),
                      ("127.0.0.1", false), ("", false), ("api.moonshot.ai.evil", false)])
    func noProxy(entry: String, bypassed: Bool) throws {
        let chosen = try ProxyChoice.proxy(for: api, configured: nil,
                                           environment: ["HTTPS_PROXY": "http://p:3128", "NO_PROXY": entry])
        #expect((chosen == nil) == bypassed)
    }

    @Test("NO_PROXY matches addresses exactly, never as a suffix")
    func noProxyAddresses() {
        #expect(ProxyChoice.bypasses(host: "10.0.0.1", noProxy: "10.0.0.1"))
        #expect(!ProxyChoice.bypasses(host: "10.0.0.1", noProxy: "0.0.1"))
        #expect(ProxyChoice.bypasses(host: "[::1]", noProxy: "::1"))
    }

    @Test("a proxy URL's password is never quoted; a SOCKS proxy with a password is refused")
    func proxyCredentials() {
        do {
            _ = try ProxyChoice.proxy(for: api, configured: "http://user:hunter2@", environment: [:])
            Issue.record("a URL without a host was accepted")
        } catch {
            #expect(!error.message.contains("hunter2"), "\(error.message)")
        }
        #expect(throws: ProxySettingError.self) {
            try ProxyChoice.proxy(for: self.api, configured: "socks5://user:pw@s:1080", environment: [:])
        }
    }

    @Test("a proxy URL kimichat cannot use is refused with the setting's name")
    func unusableProxy() {
        #expect(throws: ProxySettingError.self) {
            try ProxyChoice.proxy(for: self.api, configured: nil, environment: ["HTTPS_PROXY": "https://p:443"])
        }
        do {
            _ = try ProxyChoice.proxy(for: api, configured: "ftp://p:21", environment: [:])
            Issue.record("ftp:// was accepted")
        } catch {
            #expect(error.message.hasPrefix("network.proxy uses ftp://"))
        }
    }

    @Test("the readability check itself: error numbers and type names are caught, HTTP statuses are not")
    func readabilityCheck() {
        #expect(!ReadableMessage.problems(in: "cannot open /x: error 13").isEmpty)
        #expect(!ReadableMessage.problems(in: "the connection broke (StreamClosed)").isEmpty)
        #expect(ReadableMessage.problems(in: "The server failed (500 server_error): the server answered 502 Bad Gateway")
            .isEmpty)
    }

    @Test("an HTML error page becomes its status and title; JSON errors stay the API's")
    func htmlPages() {
        let page = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway"
            + "</h1></center>\r\n<hr><center>nginx/1.22.1</center>\r\n</body>\r\n</html>\r\n"
        #expect(ErrorTranslation.httpFailure(status: 502, reason: "Bad Gateway", body: page)
            == .gatewayPage(status: 502, summary: "the server answered 502 Bad Gateway"))
        let portal = "<!DOCTYPE html><html><head><title>\n  Acme   Corp &amp; Co — maintenance\n</title>"
        #expect(ErrorTranslation.httpFailure(status: 503, reason: "Service Unavailable", body: portal)
            == .gatewayPage(status: 503, summary: "the server answered 503 Service Unavailable "
                + "(“Acme Corp & Co — maintenance”)"))
        #expect(RetryPolicy.isRetryable(.gatewayPage(status: 503, summary: "")))
        #expect(!RetryPolicy.isRetryable(.untrustedServer("x")))
        let json = "{\"error\":{\"message\":\"busy\",\"type\":\"engine_overloaded_error\"}}"
        #expect(ErrorTranslation.httpFailure(status: 429, reason: "Too Many Requests", body: json)
            == .http(status: 429, type: "engine_overloaded_error", message: "busy"))
    }
}
