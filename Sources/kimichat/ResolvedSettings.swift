import ChatCore
import ChatService
import ChatViews
import Foundation

/// The settings of one run: options first, then the environment, then the config
/// file, then defaults.
struct ResolvedSettings {
    var baseURL: String
    var apiKey: String?
    var model: String
    var systemPrompt: String?
    var isDemo: Bool
    var history: HistoryPolicy
    /// `--model` was given (it then beats a reopened conversation's own model).
    var modelIsExplicit: Bool
    /// The colours: NO_COLOR (any value, per no-color.org) beats the config's theme.
    var theme: Theme
    var usesColor: Bool
    var network: NetworkSettings
    /// Things the user should know before anything else (a config file others can read).
    var warnings: [String] = []
    /// `[presets.NAME]` of the config file.
    var presets: [Preset] = []
    /// `--preset NAME`.
    var startPreset: Preset?
    /// `--system` was given: it beats a conversation's own system prompt.
    var systemPromptIsExplicit = false
    /// The chat's keys, `[keys]` applied; whether kimichat takes the mouse wheel.
    var keys = ChatKeyTable.standard
    var overlayKeys = OverlayKeyTables.standard
    var mouse = true

    init(_ options: GlobalOptions, config: ConfigFile = ConfigFile(),
         environment: [String: String] = ProcessInfo.processInfo.environment) {
        baseURL = options.baseURL ?? environment["MOONSHOT_BASE_URL"].flatMap { $0.isEmpty ? nil : $0 }
            ?? config.baseURL ?? Defaults.baseURL
        // A key read from a file often carries a newline or CR; either would make the
        // Authorization header invalid.
        apiKey = environment["MOONSHOT_API_KEY"]
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            .flatMap { $0.isEmpty ? nil : $0 }
            ?? config.apiKey.flatMap { $0.isEmpty ? nil : $0 }
        network = config.network
        if let warning = config.permissionWarning { warnings.append(warning) }
        model = options.model ?? config.model ?? Defaults.model
        modelIsExplicit = options.model != nil
        usesColor = environment["NO_COLOR"] == nil
        theme = usesColor ? config.theme.flatMap(Theme.named) ?? .dark : .monochrome
        systemPrompt = options.system ?? config.systemPrompt
        systemPromptIsExplicit = options.system != nil
        isDemo = options.demo
        history = config.historyPolicy
        presets = config.presets
        keys = config.keys
        overlayKeys = config.overlayKeys
        mouse = config.mouse
    }

    /// The preset `--preset NAME` names; a name not in the config file ends the command
    /// with the names that are.
    func preset(named name: String?) -> Preset? {
        guard let name else { return nil }
        guard let preset = presets.first(where: { $0.name == name }) else {
            let known = presets.isEmpty ? "the config file has none ([presets.NAME] tables)"
                : "known: " + presets.map(\.name).joined(separator: ", ")
            CommandFailure.report(CommandFailure("no preset named “\(name)” (\(known))."))
        }
        return preset
    }

    /// The settings with the config file read (`--config`, else the default place);
    /// a broken config file is reported and the command exits.
    /// Warnings go to stderr unless `printsWarnings` is false (the TUI shows them itself).
    static func load(_ options: GlobalOptions, printsWarnings: Bool = true) -> ResolvedSettings {
        do {
            let config = try ConfigFile.load(path: options.config ?? ConfigFile.defaultPath(),
                                             explicit: options.config != nil)
            let settings = ResolvedSettings(options, config: config)
            if printsWarnings {
                for warning in settings.warnings {
                    try? FileHandle.standardError.write(contentsOf: Data("kimichat: warning: \(warning)\n".utf8))
                }
            }
            return settings
        } catch {
            CommandFailure.report(error)
        }
    }
}
