import ArgumentParser
import ChatCore
import ChatDomain
import ChatService
import ChatViews
import Foundation
import Logging
import Persistence
import TextLayout

/// `kimichat ask "…"`: one turn, the reply on stdout.
struct AskCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ask",
        abstract: "Ask one question and print the reply to stdout.",
        discussion: "With no prompt argument, the prompt is read from stdin when stdin is not a terminal."
    )

    @OptionGroup var shared: ConversationOptions

    var options: GlobalOptions { shared.options }

    func validate() throws { try options.validate() }

    @Flag(name: .customLong("no-stream"), help: "Wait for the whole reply instead of streaming it.")
    var noStream = false

    @Flag(name: .customLong("continue"), help: "Add this turn to the most recent saved conversation.")
    var continueLatest = false

    @Option(help: "Add this turn to the saved conversation with this id.")
    var conversation: Int64?

    @Flag(name: .customLong("no-save"), help: "Do not save this turn in the conversation database.")
    var noSave = false

    @Option(name: .customLong("file"), help: ArgumentHelp(
        "Attach a file: a document's text (PDF, Office, EPUB, Markdown, HTML, code, text) or an image (repeatable).",
        valueName: "path"))
    var files: [String] = []

    @Option(name: .customLong("image"), help: ArgumentHelp(
        "Attach an image (PNG, JPEG, WebP, GIF) for a model that takes images (repeatable).", valueName: "path"))
    var images: [String] = []

    @Flag(name: .customLong("search"), help: "Let the model search the web with Kimi's built-in $web_search.")
    var search = false

    @Option(help: ArgumentHelp("Ask with this preset of config.toml ([presets.NAME]); a new conversation takes it.",
                               valueName: "name"))
    var preset: String?

    @Argument(help: "The prompt (words are joined with spaces).")
    var prompt: [String] = []

    func run() async throws {
        let logger = FileLogHandler.bootstrap()
        let settings = ResolvedSettings.load(options)
        guard let text = readPrompt() else {
            fail("give a prompt, e.g. kimichat ask \"What is 1+1?\", or pipe one on stdin.")
        }
        guard settings.isDemo || settings.apiKey != nil else { fail(ChatError.missingKeyHelp) }

        if noSave, continueLatest || conversation != nil {
            fail("--no-save cannot be combined with --continue or --conversation.")
        }
        if continueLatest, conversation != nil {
            fail("--continue and --conversation both choose the conversation: give one of them.")
        }

        var earlier: [TranscriptMessage] = []
        var transcript: AskTranscript?
        // A continued conversation keeps its model (and web search) unless the flags say otherwise.
        let chosenPreset = settings.preset(named: preset)
        // An explicit --model beats the preset's, as in the chat.
        var modelID = options.model ?? chosenPreset?.model ?? settings.model
        var existing: SavedConversation?
        var store: ConversationStore?
        if !noSave {
            do {
                let opened = try ConversationDatabase.open(options)
                store = opened
                existing = try continuedConversation(opened)
                earlier = RequestPipeline.transcript(of: existing?.messages ?? [])
                if options.model == nil, chosenPreset?.model == nil, let saved = existing?.summary.model, !saved.isEmpty {
                    modelID = saved
                }
            } catch {
                CommandFailure.report(error)
            }
        }

        let endpoint = try await Endpoint.open(settings, logger: logger)
        let directory = ModelDirectory(service: endpoint.service, baseURL: endpoint.baseURL, usesCache: !settings.isDemo,
                                       logger: logger)
        let model = ModelLineup.info(for: modelID, in: directory.knownLineup)
        let webSearch = search || (chosenPreset?.webSearch ?? existing?.summary.webSearch ?? false)
        // A preset wins; else a continued conversation keeps its own settings.
        var overrides = chosenPreset?.settings ?? existing?.summary.settings ?? ConversationSettings()
        // An explicit --system beats a saved or preset system prompt.
        if options.system != nil { overrides.systemPrompt = nil }
        if webSearch, WebSearchAvailability(model) == .alwaysThinks, search || chosenPreset?.webSearch == true {
            fail("--search: web search is not available: " + WebSearchAvailability.unavailableReason(model)
                .replacingOccurrences(of: "(Ctrl-T)", with: "(--model)") + ".")
        }
        let attachments = await prepareAttachments(endpoint: endpoint, model: model, lineup: directory.knownLineup)
        if let store {
            do {
                transcript = try AskTranscript(store: store, existing: existing?.summary.id, question: text,
                                               attachments: attachments, model: modelID, webSearch: webSearch,
                                               settings: chosenPreset?.settings)
            } catch {
                CommandFailure.report(error)
            }
        }

        var pipeline = RequestPipeline(systemPrompt: settings.systemPrompt, history: settings.history)
        pipeline.overrides = overrides
        pipeline.cacheKey = RequestPipeline.cacheKey(conversation: transcript?.conversationID)
        var searches: [SearchRound] = []
        var result: ChatError?
        while true {
            let planned = pipeline.request(for: text, attachments: attachments, searches: searches, after: earlier,
                                           model: model, estimate: TokenEstimate(), webSearch: webSearch)
            if planned.omitted > 0 { logger.info("ask: \(planned.omitted) earlier messages left out to fit") }
            let request = planned.request
            var calls = ToolCallAssembly()
            result = await print(noStream ? endpoint.service.wholeReply(to: request)
                                          : endpoint.service.streamReply(to: request), saving: &transcript, calls: &calls)
            guard result == nil, !calls.isEmpty else { break }
            let asked = calls.calls
            let unknown = asked.filter { $0.name != WebSearch.toolName || !request.webSearch }
            if !unknown.isEmpty {
                result = .invalidRequest("the model asked for a tool kimichat does not have ("
                    + unknown.map(\.name).joined(separator: ", ") + "); nothing was run")
                break
            }
            guard searches.count < WebSearch.roundLimit else {
                result = .invalidRequest("the model asked to search the web more than \(WebSearch.roundLimit) times "
                    + "in one reply; kimichat stopped there")
                break
            }
            for call in asked { warn(AttachmentLines.describe(call)) }
            searches.append(SearchRound(calls: asked))
            transcript?.recordSearch(asked)
        }
        logger.info("ask: reply ended \(result.map { "with \($0.userMessage)" } ?? "complete")")
        transcript?.finish(failure: result)
        if let transcript { logger.info("ask: saved in conversation \(transcript.conversationID)") }
        await endpoint.close()
        logger.info("ask: done")
        if let failure = result { fail(failure.userMessage) }
    }

    private func continuedConversation(_ store: ConversationStore) throws -> SavedConversation? {
        if let conversation { return try ConversationDatabase.load(conversation, from: store) }
        guard continueLatest else { return nil }
        guard let latest = try store.latestConversation() else { return nil }
        return try ConversationDatabase.load(latest.id, from: store)
    }

    /// Prints the answer as it arrives; returns the error that ended it early, if any.
    private func print(_ events: AsyncThrowingStream<StreamEvent, any Error>,
                       saving transcript: inout AskTranscript?, calls: inout ToolCallAssembly) async -> ChatError? {
        let output = StandardOutput()
        var finished = false
        var endsWithNewline = true
        var cutReason: FinishReason?
        var unreadable: [String] = []
        let thinking = ThinkingIndicator()
        defer {
            thinking.clear()
            if let first = unreadable.first {
                warn("\(unreadable.count) event(s) of the reply could not be read and were skipped, "
                    + "so it may lack a piece (the first: \(first)).")
            }
            if cutReason == .length { warn("the reply was cut off: it reached the length limit.") }
            if cutReason == .contentFilter { warn("the rest of the reply was withheld by the content filter.") }
        }
        do {
            for try await event in events {
                transcript?.record(event)
                switch event {
                case let .content(text):
                    thinking.clear()
                    output.write(text)
                    endsWithNewline = text.hasSuffix("\n")
                case let .finished(reason):
                    finished = true
                    if reason == .length || reason == .contentFilter { cutReason = reason }
                case .done:
                    finished = true
                case let .retrying(notice):
                    warn("\(notice.reason); \(notice.countdown(elapsed: 0))…")
                    unreadable.removeAll()
                case let .unreadable(reason):
                    unreadable.append(reason)
                case let .toolCall(fragment):
                    calls.add(fragment)
                case .reasoning:
                    thinking.show()
                case .usage:
                    break
                }
            }
        } catch {
            if !endsWithNewline { output.write("\n") }
            return error as? ChatError ?? .connection("the request failed unexpectedly (see the log)")
        }
        if !endsWithNewline { output.write("\n") }
        return finished ? nil : .interrupted("the connection closed before the reply finished")
    }

    private func readPrompt() -> String? {
        if !prompt.isEmpty {
            // Blank words are no prompt, as a blank stdin is none.
            let text = prompt.joined(separator: " ").trimmingCharacters(in: .whitespacesAndNewlines)
            return text.isEmpty ? nil : text
        }
        guard isatty(STDIN_FILENO) == 0 else { return nil }
        let data = FileHandle.standardInput.readDataToEndOfFile()
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : text
    }

    private func warn(_ message: String) {
        try? FileHandle.standardError.write(contentsOf: Data("kimichat: \(message)\n".utf8))
    }

    private func fail(_ message: String) -> Never {
        try? FileHandle.standardError.write(contentsOf: Data("kimichat: \(message)\n".utf8))
        Foundation.exit(1)
    }
}

/// Unbuffered writes to stdout, so each delta shows the moment it arrives. When stdout
/// is a terminal, control characters in the reply are made visible and inert; a pipe
/// gets the text exactly as it came.
struct StandardOutput {
    private let isTerminal = isatty(STDOUT_FILENO) == 1

    func write(_ text: String) {
        let bytes = Array((isTerminal ? TerminalSafeText.sanitize(text) : text).utf8)
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Foundation.write(STDOUT_FILENO, buffer.baseAddress! + offset, buffer.count - offset)
                if written <= 0 { return }
                offset += written
            }
        }
    }
}

extension AskCommand {
    /// `--file` and `--image`, read (and documents extracted) before anything is saved
    /// or asked: one that fails ends the command with its reason, and nothing is sent.
    func prepareAttachments(endpoint: Endpoint, model: ModelInfo, lineup: [ModelInfo]) async -> [Attachment] {
        let preparer = AttachmentPreparer(service: endpoint.hasKey ? endpoint.service : nil, home: UserFolders().home)
        var attachments: [Attachment] = []
        for path in images where !Self.startsAsImage(FilePaths.expand(path, home: UserFolders().home)) {
            fail("--image \(path): not an image kimichat can send (PNG, JPEG, WebP or GIF); use --file for documents.")
        }
        for (path, mustBeImage) in files.map({ ($0, false) }) + images.map({ ($0, true) }) {
            switch await preparer.prepareAttachment(path: path, progress: { _ in }) {
            case let .failure(failure):
                fail(failure.message)
            case let .success(attachment):
                if mustBeImage, !attachment.isImage {
                    fail("--image \(path): not an image kimichat can send (PNG, JPEG, WebP or GIF); use --file for documents.")
                }
                attachments.append(attachment)
            }
        }
        if attachments.contains(where: \.isImage), !model.vision {
            let seeing = lineup.filter { $0.vision && $0.isOffered }.map(\.id)
            let choices = seeing.isEmpty ? "." : " (" + seeing.joined(separator: ", ") + ")."
            fail("\(model.id) does not take images: choose a model that does with --model" + choices)
        }
        return attachments
    }

    /// Whether the file's first bytes are an image's, checked before anything is uploaded;
    /// a file that cannot be opened passes, for the preparer to say what is wrong with it.
    static func startsAsImage(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return true }
        defer { try? handle.close() }
        guard let head = try? handle.read(upToCount: 16), !head.isEmpty else { return true }
        return ImageFormat.sniff(head) != nil
    }
}

/// A dim "thinking…" on stderr while the model reasons, when stderr is a terminal;
/// taken away before the answer is printed, so nothing of it stays in the scrollback.
final class ThinkingIndicator {
    private let isTerminal = isatty(STDERR_FILENO) == 1
    private var isShown = false

    func show() {
        guard isTerminal, !isShown else { return }
        isShown = true
        FileHandle.standardError.write(Data("\u{1B}[2mthinking…\u{1B}[0m".utf8))
    }

    func clear() {
        guard isShown else { return }
        isShown = false
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
