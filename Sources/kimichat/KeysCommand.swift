import ArgumentParser
import ChatCore
import Foundation

/// `kimichat keys`: every key table as Markdown, with `[keys]` of config.toml applied.
struct KeysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "Print the keys, with your [keys] of config.toml applied (Markdown)."
    )

    @OptionGroup var configOption: ConfigOption

    var options: GlobalOptions { GlobalOptions(config: configOption) }

    func run() throws {
        let settings = ResolvedSettings.load(options)
        FileHandle.standardOutput.write(Data(KeysDocument.markdown(settings.keys, overlays: settings.overlayKeys).utf8))
    }
}
