import ArgumentParser
import ChatService
import Foundation

/// `kimichat doctor`: checks everything kimichat depends on and says how to fix what fails.
struct DoctorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Check the setup — config, key, network, API, database, terminal — and say how to fix each problem.",
        discussion: "Exits 0 when every check passes, 1 otherwise. Works offline: what cannot be reached is said so."
    )

    @OptionGroup var baseURLOption: BaseURLOption
    @OptionGroup var modelOption: ModelOption
    @OptionGroup var databaseOption: DatabaseOption
    @OptionGroup var configOption: ConfigOption
    @OptionGroup var demoOption: DemoOption

    var options: GlobalOptions {
        GlobalOptions(baseURL: baseURLOption, model: modelOption, db: databaseOption,
                      config: configOption, demo: demoOption)
    }

    func validate() throws { try options.validate() }

    @Flag(help: "Print JSON (ok, and each check's name, status, detail and fix) instead of lines.")
    var json = false

    func run() async throws {
        let logger = FileLogHandler.bootstrap()
        let checks = await Doctor(options: options, environment: ProcessInfo.processInfo.environment, logger: logger).run()
        do {
            StandardOutput().write(json ? try DoctorReport.json(checks) : DoctorReport.text(checks))
        } catch {
            CommandFailure.report(error)
        }
        if checks.contains(where: { $0.outcome == .failed }) { throw ExitCode.failure }
    }
}
