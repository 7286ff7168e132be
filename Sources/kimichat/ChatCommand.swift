import AppRuntime
import ArgumentParser
import ChatCore
import ChatViews
import CursesTerminal
import Foundation
import Logging
import TextLayout

/// `kimichat`: the full-screen chat.
struct ChatCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chat",
        abstract: "Open the full-screen chat (the default)."
    )

    @OptionGroup var options: GlobalOptions

    func run() async throws {
        let logger = FileLogHandler.bootstrap()
        let settings = ResolvedSettings(options)
        let endpoint = try await Endpoint.open(settings, logger: logger)
        let outcome = await Self.runInterface(settings: settings, endpoint: endpoint, logger: logger)
        await endpoint.close()
        if let outcome {
            try? FileHandle.standardError.write(contentsOf: Data("kimichat: \(outcome)\n".utf8))
            throw ExitCode.failure
        }
    }

    /// Runs the TUI on the main actor; returns an error message when it could not start.
    @MainActor
    static func runInterface(settings: ResolvedSettings, endpoint: Endpoint, logger: Logger) async -> String? {
        DisplayWidth.prepareProcessLocale()
        let terminal: CursesTerminal
        do {
            terminal = try CursesTerminal(useColor: ProcessInfo.processInfo.environment["NO_COLOR"] == nil)
        } catch {
            return String(describing: error)
        }
        let state = AppState(settings: ChatSettings(model: settings.model, systemPrompt: settings.systemPrompt,
                                                    hasAPIKey: endpoint.hasKey, isDemo: settings.isDemo))
        let theme: Theme = ProcessInfo.processInfo.environment["NO_COLOR"] == nil ? .dark : .monochrome
        let loop = AppLoop(state: state, terminal: terminal, chat: endpoint.service, theme: theme, logger: logger)
        logger.info("TUI started model=\(settings.model) demo=\(settings.isDemo)")
        await loop.run()
        logger.info("TUI ended")
        return nil
    }
}
