import ChatDomain
import ChatService
import CursesTerminal
import Foundation
import Logging
import Persistence

/// The checks of `kimichat doctor`, in the order a problem stops the next: the config
/// file, the key, the way to the endpoint, the API itself, then the local things.
/// Nothing here exits: a broken config or an unreachable host is a line, not the end.
struct Doctor {
    let options: GlobalOptions
    let environment: [String: String]
    let logger: Logger

    func run() async -> [DoctorCheck] {
        var checks: [DoctorCheck] = []
        let (config, configCheck) = configFile()
        checks.append(configCheck)
        let settings = ResolvedSettings(options, config: config, environment: environment)
        var keyCheck = key(settings, config: config)
        if keyCheck.outcome == .failed, configCheck.outcome == .failed, FileManager.default.fileExists(atPath: configPath) {
            keyCheck.detail += " (an api_key in the config file could not be read: mend the file first)"
        }
        checks.append(keyCheck)
        checks += await endpoint(settings, config: config)
        checks.append(database())
        checks += terminal()
        checks.append(logFile())
        return checks
    }

    // MARK: - Config and key

    private var configPath: String { options.config ?? ConfigFile.defaultPath(environment: environment) }

    private func configFile() -> (ConfigFile, DoctorCheck) {
        let path = configPath
        guard FileManager.default.fileExists(atPath: path) else {
            if options.config != nil {
                return (ConfigFile(), .failed("config", "\(path) does not exist", fix: "check the path given to --config"))
            }
            return (ConfigFile(), .passed("config", "none at \(path): the defaults apply"))
        }
        do {
            let config = try ConfigFile.load(path: path, explicit: true)
            let mode = (try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
                .map { " mode " + String($0 & 0o777, radix: 8) } ?? ""
            if let warning = config.permissionWarning {
                return (config, .failed("config", warning.components(separatedBy: " Run: ").first ?? warning,
                                        fix: "chmod 600 \(URL(fileURLWithPath: path).resolvingSymlinksInPath().path)"))
            }
            return (config, .passed("config", "\(path): read,\(mode)"))
        } catch {
            return (ConfigFile(), .failed("config", "\(error)", fix: "mend the file (the defaults apply meanwhile)"))
        }
    }

    private func key(_ settings: ResolvedSettings, config: ConfigFile) -> DoctorCheck {
        if settings.isDemo { return .passed("key", "--demo needs none") }
        guard let key = settings.apiKey else {
            return .failed("key", "no API key is set",
                           fix: "export MOONSHOT_API_KEY=sk-… (a key from platform.moonshot.ai), or api_key in \(configPath)")
        }
        let fromEnvironment = environment["MOONSHOT_API_KEY"].map { !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty } ?? false
        let source = fromEnvironment ? "MOONSHOT_API_KEY" : "api_key in \(configPath)"
        return .passed("key", "\(Self.masked(key)), from \(source)")
    }

    /// `sk-…wxyz`: enough to tell two keys apart, too little to use.
    static func masked(_ key: String) -> String {
        guard key.count >= 12 else { return "…(\(key.count) characters)" }
        return String(key.prefix(3)) + "…" + String(key.suffix(4))
    }

    // MARK: - The endpoint

    private func endpoint(_ settings: ResolvedSettings, config: ConfigFile) async -> [DoctorCheck] {
        var configuration = ChatServiceConfiguration(baseURL: settings.baseURL, apiKey: settings.apiKey ?? "")
        settings.network.apply(to: &configuration)
        configuration.retry = RetryPolicy(maxAttempts: 1, baseDelay: 0)
        if settings.isDemo {
            let demo: Endpoint
            do {
                demo = try await Endpoint.open(settings, logger: logger)
            } catch {
                return [.failed("base URL", "the demo server could not start",
                                fix: "see the log: \(FileLogHandler.defaultPath(environment: environment))")]
            }
            configuration.baseURL = demo.baseURL
            configuration.apiKey = Endpoint.demoKey
            let checks = [DoctorCheck.passed("base URL", "\(demo.baseURL), kimichat's built-in offline server (--demo)")]
                + (await reach(configuration, settings: settings, service: demo.service))
            await demo.close()
            return checks
        }
        let source = if options.baseURL != nil { "--base-url" }
            else if !(environment["MOONSHOT_BASE_URL"] ?? "").isEmpty { "MOONSHOT_BASE_URL" }
            else if config.baseURL != nil { "base_url in the config file" }
            else { "the default" }
        do {
            try settings.network.applyTransport(to: &configuration, environment: environment)
        } catch {
            return [.failed("base URL", "\(settings.baseURL) (\(source)): \(error)", fix: "mend the setting named")]
                + ["DNS", "TCP", "models", "balance"].map { .skipped($0, "not checked: the network settings cannot be used") }
        }
        let proxy = configuration.proxy.map { ", through the proxy \($0.address) (from \($0.source))" } ?? ", direct"
        return [.passed("base URL", "\(settings.baseURL) (\(source))\(proxy)")]
            + (await reach(configuration, settings: settings, service: nil))
    }

    /// The steps to the host, then the API itself: through `service` when there is one
    /// (the demo's), else a service made for it.
    private func reach(_ configuration: ChatServiceConfiguration, settings: ResolvedSettings,
                       service existing: ChatService?) async -> [DoctorCheck] {
        let steps = await ConnectionProbe.probe(baseURL: configuration.baseURL, proxy: configuration.proxy,
                                                trustRootFiles: configuration.trustRootFiles,
                                                timeoutSeconds: Int(min(configuration.connectTimeout, 10)))
        let checks = steps.map(DoctorCheck.init)
        guard !steps.contains(where: { $0.outcome == .failed }) else {
            let host = URL(string: configuration.baseURL)?.host ?? configuration.baseURL
            return checks + ["models", "balance"].map { .skipped($0, "not checked: \(host) could not be reached") }
        }
        guard settings.apiKey != nil || settings.isDemo else {
            return checks + ["models", "balance"].map { .skipped($0, "not checked: there is no key to ask with") }
        }
        let service = existing ?? ChatService(configuration: configuration, logger: logger)
        let answers = [await models(service, settings: settings), await balance(service)]
        if existing == nil { await service.shutdown() }
        return checks + answers
    }

    private func models(_ service: ChatService, settings: ResolvedSettings) async -> DoctorCheck {
        do {
            let offered = try await service.listModels()
            let which = settings.modelIsExplicit ? "--model" : "the default model"
            guard offered.contains(where: { $0.id == settings.model }) else {
                return .failed("models", "/models answered with \(offered.count) models, but not \(settings.model) (\(which))",
                               fix: "choose one `kimichat models` lists, and set model in the config file")
            }
            return .passed("models", "/models answered with \(offered.count) models; \(settings.model) (\(which)) is offered")
        } catch let error as ChatError {
            if case let .http(status, _, _) = error, status == 401 || status == 403 {
                return .failed("models", "the key was refused: \(error.userMessage)",
                               fix: "check the key: platform.moonshot.ai keys work with api.moonshot.ai, platform.moonshot.cn keys with api.moonshot.cn")
            }
            return .failed("models", error.userMessage, fix: "check the base URL; the log has the detail")
        } catch {
            return .failed("models", "the list of models could not be read", fix: "see the log")
        }
    }

    private func balance(_ service: ChatService) async -> DoctorCheck {
        switch await service.balance() {
        case let .known(balance) where balance.available <= 0:
            return .failed("balance", "\(balance.summary): requests will be refused", fix: "top up at platform.moonshot.ai")
        case let .known(balance):
            return .passed("balance", balance.summary)
        case let .unavailable(reason):
            return .failed("balance", "could not be read: \(reason)", fix: "check the key; the log has the detail")
        case .checking:
            return .skipped("balance", "not read")
        }
    }

    // MARK: - Local things

    private func database() -> DoctorCheck {
        let path = ConversationDatabase.path(options, folders: UserFolders(environment: environment))
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            return newDatabase(at: path)
        }
        if isFolder.boolValue {
            return .failed("database", "\(path) is a folder", fix: "--db names the database file itself, such as \(path)/kimichat.sqlite")
        }
        switch DatabaseHealth.check(path: path) {
        case let .failure(problem):
            return .failed("database", "\(path): \(problem.reason)",
                           fix: "move it aside (kimichat then starts a new one) and restore a backup if you have one")
        case let .success(health):
            let summary = "\(path): \(Self.size(health.sizeBytes)), schema \(health.schemaVersion) of \(health.latestSchemaVersion)"
            if health.schemaVersion > health.latestSchemaVersion {
                return .failed("database", summary + ", made by a newer kimichat", fix: "update kimichat")
            }
            guard health.quickCheck == "ok" else {
                return .failed("database", summary + ", quick check: \(health.quickCheck)",
                               fix: "`kimichat export` what can still be read, then move the file aside")
            }
            if let mode = PrivateFiles.readableByOthers(path) {
                return .failed("database", summary + ", quick check ok, but other users can read it (mode \(String(mode, radix: 8)))",
                               fix: "chmod 600 \(path)")
            }
            guard ConversationStore.isWritable(at: path) else {
                return .failed("database", summary + ", quick check ok, but read-only for you (the chat can only browse)",
                               fix: "chmod u+w \(path)")
            }
            return .passed("database", summary + ", quick check ok, private")
        }
    }

    /// No file yet: whether the first chat can make one there.
    private func newDatabase(at path: String) -> DoctorCheck {
        // The nearest existing folder on the way decides: kimichat makes the rest.
        var folder = (path as NSString).deletingLastPathComponent
        while !folder.isEmpty, folder != "/", !FileManager.default.fileExists(atPath: folder) {
            folder = (folder as NSString).deletingLastPathComponent
        }
        if folder.isEmpty { folder = "." }
        var isFolder: ObjCBool = false
        _ = FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder)
        guard isFolder.boolValue else {
            return .failed("database", "\(path) cannot be made: \(folder) is a file, not a folder",
                           fix: "give --db a path in a folder")
        }
        guard FileManager.default.isWritableFile(atPath: folder) else {
            return .failed("database", "\(path) cannot be made: \(folder) may not be written by you",
                           fix: "give --db a path in a folder of yours")
        }
        return .passed("database", "none yet at \(path): the first chat creates it")
    }

    static func size(_ bytes: Int) -> String {
        if bytes < 1024 { return "\(bytes) B" }
        if bytes < 1024 * 1024 { return String(format: "%.1f KB", Double(bytes) / 1024) }
        return String(format: "%.1f MB", Double(bytes) / 1024 / 1024)
    }

    private func terminal() -> [DoctorCheck] {
        var checks: [DoctorCheck] = []
        let term = environment["TERM"]
        switch TerminalProbe.check(term: term) {
        case let .usable(colors):
            let truecolor = ["truecolor", "24bit"].contains(environment["COLORTERM"]?.lowercased() ?? "")
            let colours = truecolor ? "true colour" : colors > 0 ? "\(colors) colours" : "no colours"
            checks.append(.passed("terminal", "TERM=\(term ?? ""): in terminfo, \(colours)"))
        case .unset:
            checks.append(.failed("terminal", "TERM is not set", fix: "export TERM=xterm-256color (or your terminal's name)"))
        case .cannotDraw:
            checks.append(.failed("terminal", "TERM=\(term ?? "") cannot draw a full-screen chat",
                                  fix: "run kimichat in a terminal emulator, or use `kimichat ask`"))
        case .unknown:
            checks.append(.failed("terminal", "TERM=\(term ?? "") is not in the terminfo database",
                                  fix: "install its entry (Debian: ncurses-term) or set TERM=xterm-256color"))
        }
        let locale = ["LC_ALL", "LC_CTYPE", "LANG"].lazy.compactMap { name in
            self.environment[name].flatMap { $0.isEmpty ? nil : "\(name)=\($0)" }
        }.first ?? "no LANG"
        checks.append(TerminalProbe.localeIsUTF8 ? .passed("locale", "\(locale) is UTF-8")
            : .failed("locale", "\(locale) is not UTF-8 (kimichat draws UTF-8 anyway; other programs may not)",
                      fix: "export LANG=C.UTF-8, or another UTF-8 locale"))
        switch TmuxClipboard.reach(environment: environment) {
        case .notInTmux:
            checks.append(.passed("tmux", "not inside tmux: copies (OSC 52) go straight to the terminal"))
        case .on:
            checks.append(.passed("tmux", "set-clipboard is on: copies (Alt-Y, Alt-C) reach the clipboard"))
        case let .blocked(value):
            checks.append(.failed("tmux", "set-clipboard is \(value): tmux drops copies (Alt-Y, Alt-C)",
                                  fix: "\(TmuxClipboard.fix), and add it to ~/.tmux.conf"))
        case .unknown:
            checks.append(.skipped("tmux", "inside tmux, but tmux did not say whether it passes copies on"))
        }
        return checks
    }

    private func logFile() -> DoctorCheck {
        let path = FileLogHandler.defaultPath(environment: environment)
        guard FileManager.default.fileExists(atPath: path) else {
            return .passed("log", "\(path) (not written yet)")
        }
        guard FileManager.default.isWritableFile(atPath: path) else {
            return .failed("log", "\(path) cannot be written", fix: "chmod u+w \(path), or set KIMICHAT_LOG to another file")
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        return .passed("log", "\(path) (\(Self.size(size)))")
    }
}
