import Foundation
import MockMoonshot
import Testing
import TestSupport

/// `kimichat doctor` against the mock: every check passing, then each failure forced
/// in turn, named with its fix, and the exit status saying so.
@Suite("kimichat doctor", .timeLimit(.minutes(2)))
struct DoctorCommandTests {
    /// `doctor` in the bench's home, with the bench's key unless `key` says otherwise.
    private func doctor(_ bench: FaultBench, _ arguments: [String] = [], baseURL: String? = nil, key: String? = FaultBench.key,
                        environment: [String: String] = [:]) async throws -> ProcessResult {
        var variables = environment
        if let key { variables["MOONSHOT_API_KEY"] = key }
        return try await bench.home.run(["doctor", "--base-url", baseURL ?? bench.server.baseURL, "--model", "moonshot-v1-8k"]
                                        + arguments, environment: variables)
    }

    private func line(_ name: String, in output: String) -> String {
        output.split(separator: "\n").first { $0.dropFirst(2).hasPrefix(name + " ") }.map(String.init) ?? "(no \(name) line)"
    }

    @Test("over TLS with a private CA: every check passes, the issuer is named, exit 0; --json says the same")
    func allPass() async throws {
        let bench = try await FaultBench.start(config: "[network]\nca_file = \"\(TestCertificates.caPath)\"\n",
                                               tls: TestCertificates.serverTLS())
        defer { Task { await bench.shutdown() } }
        let url = bench.server.baseURL.replacingOccurrences(of: "127.0.0.1", with: "localhost")
        bench.server.enqueue(MockScenario(reply: "hello"))
        let asked = try await bench.ask(baseURL: url)
        #expect(asked.status == 0, "\(asked.stderr)")

        let result = try await doctor(bench, baseURL: url)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        for name in ["config", "key", "base URL", "DNS", "TCP", "TLS", "models", "balance", "database", "terminal", "locale",
                     "tmux", "log"] {
            #expect(line(name, in: result.stdout).hasPrefix("✓"), "\(name): \(result.stdout)")
        }
        #expect(line("key", in: result.stdout).contains("sk-…9876, from MOONSHOT_API_KEY"))
        #expect(!result.stdout.contains(FaultBench.key))
        #expect(line("TLS", in: result.stdout).contains("issued by kimichat test CA (not for real use)"))
        #expect(line("models", in: result.stdout).contains("moonshot-v1-8k (--model) is offered"))
        #expect(line("balance", in: result.stdout).contains("$12.34"))
        #expect(line("database", in: result.stdout).contains("schema 8 of 8, quick check ok, private"))
        #expect(line("terminal", in: result.stdout).contains("TERM=xterm-256color: in terminfo, 256 colours"))
        #expect(result.stdout.hasSuffix("Everything kimichat needs is in order.\n"))

        let json = try await doctor(bench, ["--json"], baseURL: url)
        #expect(json.status == 0)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(document["ok"] as? Bool == true)
        let checks = try #require(document["checks"] as? [[String: Any]])
        #expect(checks.count == 13)
        #expect(checks.allSatisfy { $0["status"] as? String == "passed" && $0["fix"] is NSNull })
    }

    @Test("no key: the key fails with where to set one; the API checks are skipped, not failed; exit 1")
    func noKey() async throws {
        let bench = try await FaultBench.start()
        defer { Task { await bench.shutdown() } }
        let result = try await doctor(bench, key: nil)
        #expect(result.status == 1)
        #expect(line("key", in: result.stdout).hasPrefix("✗ key"))
        #expect(line("key", in: result.stdout).contains("→ export MOONSHOT_API_KEY="))
        #expect(line("models", in: result.stdout).hasPrefix("– models"))
        #expect(line("TCP", in: result.stdout).hasPrefix("✓"), "the network is checked without a key")
        #expect(result.stdout.contains("1 of 12 checks failed"), "no TLS line for http")
    }

    @Test("a refused key, a model not offered, a spent balance: each its own line and fix")
    func apiFailures() async throws {
        let bench = try await FaultBench.start()
        defer { Task { await bench.shutdown() } }
        var result = try await doctor(bench, key: "sk-wrong-key-0000")
        #expect(result.status == 1)
        #expect(line("models", in: result.stdout).contains("the key was refused"), "\(result.stdout)")
        #expect(line("models", in: result.stdout).contains("→ check the key"))

        result = try await bench.home.run(["doctor", "--base-url", bench.server.baseURL, "--model", "kimi-nonesuch"],
                                          environment: ["MOONSHOT_API_KEY": FaultBench.key])
        #expect(result.status == 1)
        #expect(line("models", in: result.stdout).contains("but not kimi-nonesuch (--model)"), "\(result.stdout)")

        bench.server.setBalance(MockBalance(cash: -1.5, voucher: 0))
        result = try await doctor(bench)
        #expect(result.status == 1)
        #expect(line("balance", in: result.stdout).contains("-$1.50"), "\(result.stdout)")
        #expect(line("balance", in: result.stdout).contains("→ top up"))
        #expect(line("models", in: result.stdout).hasPrefix("✓"))
    }

    @Test("offline: a host that does not resolve and a port that refuses stop at their step; the rest say not checked")
    func unreachable() async throws {
        let bench = try await FaultBench.start()
        defer { Task { await bench.shutdown() } }
        var result = try await doctor(bench, baseURL: "https://doctor-check.invalid/v1")
        #expect(result.status == 1)
        #expect(line("DNS", in: result.stdout).hasPrefix("✗ DNS"), "\(result.stdout)")
        #expect(line("DNS", in: result.stdout).contains("could not look up doctor-check.invalid"))
        #expect(line("TLS", in: result.stdout).hasPrefix("– TLS"))
        #expect(line("models", in: result.stdout).contains("not checked: doctor-check.invalid could not be reached"))
        #expect(line("database", in: result.stdout).hasPrefix("✓"), "local checks still run offline")

        let port = try Loopback.refusedPort()
        result = try await doctor(bench, baseURL: "http://127.0.0.1:\(port)/v1")
        #expect(result.status == 1)
        #expect(line("TCP", in: result.stdout).contains("connection refused"), "\(result.stdout)")
        #expect(line("models", in: result.stdout).hasPrefix("– models"))
    }

    @Test("TLS that does not verify names ca_file; through tinyproxy the tunnel and the issuer are checked")
    func tlsAndProxy() async throws {
        let bench = try await FaultBench.start(tls: TestCertificates.serverTLS())
        defer { Task { await bench.shutdown() } }
        let url = bench.server.baseURL.replacingOccurrences(of: "127.0.0.1", with: "localhost")
        var result = try await doctor(bench, baseURL: url)
        #expect(result.status == 1)
        #expect(line("TLS", in: result.stdout).hasPrefix("✗ TLS"), "\(result.stdout)")
        #expect(line("TLS", in: result.stdout).contains("ca_file"))

        let proxy = try await ForwardProxy.start(connectPorts: [bench.server.port])
        defer { proxy.stop() }
        let config = bench.home.directory.appendingPathComponent("config/kimichat/config.toml")
        try "[network]\nca_file = \"\(TestCertificates.caPath)\"\nproxy = \"http://127.0.0.1:\(proxy.port)\"\n"
            .write(to: config, atomically: true, encoding: .utf8)
        result = try await doctor(bench, baseURL: url)
        #expect(result.status == 0, "\(result.stdout)")
        #expect(line("base URL", in: result.stdout).contains("through the proxy 127.0.0.1:\(proxy.port) (from network.proxy)"))
        #expect(line("TLS", in: result.stdout).contains("issued by kimichat test CA"))
        #expect(proxy.read("tinyproxy.log").contains("CONNECT"))
    }

    @Test("a config file that does not parse, and one that shows its key to others, each say what to do")
    func configProblems() async throws {
        let bench = try await FaultBench.start()
        defer { Task { await bench.shutdown() } }
        let config = bench.home.directory.appendingPathComponent("config/kimichat/config.toml")
        try "model = \"kimi\n".write(to: config, atomically: true, encoding: .utf8)
        var result = try await doctor(bench)
        #expect(result.status == 1)
        #expect(line("config", in: result.stdout).contains("line 1: unterminated string"), "\(result.stdout)")
        #expect(line("TCP", in: result.stdout).hasPrefix("✓"), "the other checks run with the defaults")

        try "api_key = \"\(FaultBench.key)\"\n".write(to: config, atomically: true, encoding: .utf8)
        chmod(config.path, 0o644)
        result = try await doctor(bench, key: nil)
        #expect(result.status == 1)
        #expect(line("config", in: result.stdout).contains("→ chmod 600 "), "\(result.stdout)")
        #expect(line("key", in: result.stdout).contains("from api_key in"))
        #expect(!result.stdout.contains(FaultBench.key))
    }

    @Test("a database that is not SQLite, a TERM terminfo lacks, a locale that is not UTF-8")
    func localProblems() async throws {
        let bench = try await FaultBench.start()
        defer { Task { await bench.shutdown() } }
        try FileManager.default.createDirectory(atPath: (bench.home.databasePath as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        try Data(repeating: 0x41, count: 8192).write(to: URL(fileURLWithPath: bench.home.databasePath))
        let result = try await doctor(bench, environment: ["TERM": "no-such-terminal", "LANG": "C", "LC_ALL": "C"])
        #expect(result.status == 1)
        #expect(line("database", in: result.stdout).contains("it is not an SQLite database"), "\(result.stdout)")
        #expect(line("terminal", in: result.stdout).contains("TERM=no-such-terminal is not in the terminfo database"))
        #expect(line("locale", in: result.stdout).contains("LC_ALL=C is not UTF-8"))
        #expect(line("locale", in: result.stdout).contains("→ export LANG=C.UTF-8"))
        #expect(result.stdout.contains("3 of 12 checks failed"))

        let file = bench.home.directory.appendingPathComponent("notes.txt").path
        try "notes".write(toFile: file, atomically: true, encoding: .utf8)
        let under = try await doctor(bench, ["--db", file + "/chats.sqlite"])
        #expect(line("database", in: under.stdout).contains("is a file, not a folder"), "\(under.stdout)")
    }

    @Test("inside tmux: set-clipboard external fails with the tmux command; on passes")
    func tmuxClipboard() async throws {
        let bench = try await FaultBench.start()
        defer { Task { await bench.shutdown() } }
        let tmux = try TmuxSession(command: "sleep 100")
        defer { tmux.kill() }
        let inside = ["TMUX": try tmux.socketPath() + ",1,0"]
        var result = try await doctor(bench, environment: inside)
        #expect(line("tmux", in: result.stdout).hasPrefix("✗ tmux"), "\(result.stdout)")
        #expect(line("tmux", in: result.stdout).contains("set-clipboard is external"))
        #expect(line("tmux", in: result.stdout).contains("→ tmux set -g set-clipboard on"))
        try tmux.setServerOption("set-clipboard", "on")
        result = try await doctor(bench, environment: inside)
        #expect(line("tmux", in: result.stdout).hasPrefix("✓ tmux"), "\(result.stdout)")
        #expect(result.status == 0)
    }
}
