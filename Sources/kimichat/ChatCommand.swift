import AppRuntime
import ArgumentParser
import ChatCore
import ChatDomain
import ChatService
import ChatViews
import CursesTerminal
import Foundation
import Logging
import Persistence

/// The chat's own options, which `kimichat` alone and `kimichat chat` both take.
struct ChatOptions: ParsableArguments {
    @OptionGroup var shared: ConversationOptions

    @Flag(help: "Start a new conversation instead of reopening the most recent one.")
    var new = false

    @Option(help: ArgumentHelp("Start a new conversation from this preset of config.toml ([presets.NAME]).",
                               valueName: "name"))
    var preset: String?

    var options: GlobalOptions { shared.options }
}

/// `kimichat chat`: the full-screen chat, as `kimichat` alone opens it.
struct ChatCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chat",
        abstract: "Open the full-screen chat (the default)."
    )

    @OptionGroup var chat: ChatOptions

    func validate() throws { try chat.options.validate() }

    func run() async throws {
        try await Self.start(chat)
    }

    /// The chat, from `kimichat` alone or `kimichat chat`.
    static func start(_ chat: ChatOptions) async throws {
        let options = chat.options
        let preset = chat.preset
        // Start-up is a few steps in parallel (docs/performance.md): the database opens
        // while the command line is parsed (`EarlyDatabase`) and the settings are read,
        // and its conversation is read while the terminal starts. Preparing it may build
        // the search index, which prints its progress and takes Ctrl-C: the terminal
        // waits for the opening, not for the reading.
        let path = ConversationDatabase.path(options)
        let early = EarlyDatabase.take(path: path)
        let opening = Task.detached { () throws -> (store: ConversationStore, warnings: [String]) in
            // An early opening that failed (a file to migrate, or a problem the chat's own
            // opening words for the user) is done again the usual way.
            if let store = try? await early?.value { return try ConversationDatabase.prepareForChat(store) }
            return try ConversationDatabase.openForChat(path: path)
        }
        let reading = ConversationDatabase.reading(opening, startsNew: chat.new || preset != nil)
        let logger = FileLogHandler.bootstrap()
        var settings = ResolvedSettings.load(options, printsWarnings: false)
        for warning in settings.warnings { logger.warning("\(warning)") }
        settings.startPreset = settings.preset(named: preset)
        let endpoint = try await Endpoint.open(settings, logger: logger)
        let store: ConversationStore
        do {
            let warnings: [String]
            (store, warnings) = try await opening.value
            settings.warnings += warnings
        } catch {
            await endpoint.close()
            CommandFailure.report(error)
        }
        let outcome = await Self.runInterface(settings: settings, endpoint: endpoint, store: store, reading: reading,
                                              logger: logger)
        await endpoint.close()
        if let outcome {
            try? FileHandle.standardError.write(contentsOf: Data("kimichat: \(outcome)\n".utf8))
            throw ExitCode.failure
        }
    }

    /// Runs the TUI on the main actor; returns an error message when it could not start.
    @MainActor
    static func runInterface(settings: ResolvedSettings, endpoint: Endpoint, store: ConversationStore,
                             reading: Task<SavedConversation?, any Error>, logger: Logger) async -> String? {
        let terminal: CursesTerminal
        do {
            terminal = try CursesTerminal(useColor: settings.usesColor, mouse: settings.mouse)
        } catch {
            return String(describing: error)
        }
        var warnings = settings.warnings
        if !terminal.userLocaleIsUTF8 {
            warnings.append("Your locale (\(Self.localeName)) is not UTF-8. kimichat reads and draws UTF-8 anyway; "
                + "if Chinese text or emoji look wrong, set LANG=C.UTF-8 (or another UTF-8 locale) in this terminal.")
        }
        let directory = ModelDirectory(service: endpoint.service, baseURL: endpoint.baseURL, usesCache: !settings.isDemo, logger: logger)
        let reopened: SavedConversation?
        do {
            reopened = try await reading.value
        } catch {
            terminal.stop()
            return CommandFailure.message(for: error)
        }
        let access = store.isReadOnly ? " (read-only)" : ""
        logger.info("database \(store.path)\(access), reopening \(reopened.map { String($0.summary.id) } ?? "nothing")")
        var chatSettings = ChatSettings(model: settings.model, systemPrompt: settings.systemPrompt,
                                                    hasAPIKey: endpoint.hasKey, isDemo: settings.isDemo,
                                                    history: settings.history, modelIsExplicit: settings.modelIsExplicit,
                                                    warnings: warnings,
                                                    readOnlyDatabase: store.isReadOnly ? store.path : nil,
                                                    presets: settings.presets, startPreset: settings.startPreset,
                                                    keys: settings.keys)
        chatSettings.systemPromptIsExplicit = settings.systemPromptIsExplicit
        chatSettings.overlayKeys = settings.overlayKeys
        let state = AppState(settings: chatSettings,
                             reopening: reopened, models: directory.knownLineup)
        let theme = settings.theme
        let home = UserFolders().home
        let attachments = AttachmentPreparer(service: endpoint.hasKey ? endpoint.service : nil, home: home)
        let loop = AppLoop(state: state, terminal: terminal, chat: endpoint.service, conversations: store,
                           models: directory, editor: ExternalEditor(), theme: theme, logger: logger,
                           attachments: attachments, balance: endpoint.hasKey ? endpoint.service : nil, home: home,
                           clipboardProblem: { TmuxClipboard.problem() })
        logger.info("TUI started model=\(settings.model) demo=\(settings.isDemo)")
        await loop.run()
        logger.info("TUI ended")
        return nil
    }

    private static var localeName: String {
        let environment = ProcessInfo.processInfo.environment
        for name in ["LC_ALL", "LC_CTYPE", "LANG"] {
            if let value = environment[name], !value.isEmpty { return "\(name)=\(value)" }
        }
        return "LANG unset"
    }
}
