import ArgumentParser
import ChatDomain
import ChatService
import Testing
@testable import kimichat

/// Where each setting comes from: a flag beats the environment, which beats the config
/// file, which beats the default. A slip here would send every real user's requests to
/// the wrong place, with the wrong key or model, and no test of a mock would notice.
@Suite("Settings precedence")
struct SettingsPrecedenceTests {
    static let config = """
        base_url = "https://config.example/v1"
        model = "model-from-config"
        system_prompt = "prompt from config"
        api_key = "sk-config"
        """

    static func settings(_ arguments: [String] = [], environment: [String: String] = [:],
                         config text: String = "") throws -> ResolvedSettings {
        ResolvedSettings(try ChatOptions.parse(arguments).options, config: try ConfigFile.parse(text, path: "config.toml"),
                         environment: environment)
    }

    static let everyEnvironment = ["MOONSHOT_BASE_URL": "https://environment.example/v1",
                                   "MOONSHOT_API_KEY": "sk-environment"]

    @Test("nothing set: Moonshot's international endpoint, kimi-k2.6, no key, no system prompt")
    func defaults() throws {
        let settings = try Self.settings()
        #expect(settings.baseURL == "https://api.moonshot.ai/v1")
        #expect(settings.model == "kimi-k2.6")
        #expect(settings.apiKey == nil)
        #expect(settings.systemPrompt == nil)
        #expect(!settings.modelIsExplicit)
    }

    @Test("the config file beats the defaults")
    func configBeatsDefaults() throws {
        let settings = try Self.settings(config: Self.config)
        #expect(settings.baseURL == "https://config.example/v1")
        #expect(settings.model == "model-from-config")
        #expect(settings.apiKey == "sk-config")
        #expect(settings.systemPrompt == "prompt from config")
    }

    @Test("the environment beats the config file (base URL, key)")
    func environmentBeatsConfig() throws {
        let settings = try Self.settings(environment: Self.everyEnvironment, config: Self.config)
        #expect(settings.baseURL == "https://environment.example/v1")
        #expect(settings.apiKey == "sk-environment")
        #expect(settings.model == "model-from-config", "no environment variable names a model")
    }

    @Test("an empty environment variable counts as unset")
    func emptyEnvironment() throws {
        let settings = try Self.settings(environment: ["MOONSHOT_BASE_URL": "", "MOONSHOT_API_KEY": " \n"],
                                         config: Self.config)
        #expect(settings.baseURL == "https://config.example/v1")
        #expect(settings.apiKey == "sk-config")
    }

    @Test("flags beat everything (base URL, model, system prompt)")
    func flagsBeatAll() throws {
        let settings = try Self.settings(["--base-url", "https://flag.example/v1", "--model", "model-from-flag",
                                          "--system", "prompt from flag"],
                                         environment: Self.everyEnvironment, config: Self.config)
        #expect(settings.baseURL == "https://flag.example/v1")
        #expect(settings.model == "model-from-flag")
        #expect(settings.modelIsExplicit)
        #expect(settings.systemPrompt == "prompt from flag")
        #expect(settings.apiKey == "sk-environment", "there is no key flag: the key never goes on a command line")
    }

    @Test("network defaults: one place, the values README documents, and [network] ca_file/proxy read")
    func networkDefaults() throws {
        let settings = try Self.settings()
        var configuration = ChatServiceConfiguration(baseURL: settings.baseURL, apiKey: "k")
        configuration.retry = .never
        settings.network.apply(to: &configuration)
        #expect(configuration.connectTimeout == 10)
        #expect(configuration.responseHeadTimeout == 300)
        #expect(configuration.idleTimeout == 120)
        #expect(configuration.retry.maxAttempts == 4)
        #expect(configuration.retry.baseDelay == 1.0)
        let configured = try Self.settings(config: "[network]\nca_file = \"/etc/corp/ca.pem\"\nproxy = \"\"\n")
        #expect(configured.network.caFile == "/etc/corp/ca.pem")
        #expect(configured.network.proxy == "")
    }
}
