import ChatCore
import ChatDomain
import ChatViews
import Foundation
import MockMoonshot
import ModelCatalogue
import Persistence
import ScreenKit

/// Storage benchmarks for issue 3: switching to a 10,000-message conversation and
/// filtering the list of 5,000 conversations. Each run goes through the same code
/// the TUI runs (repository → reducer → renderer), minus the terminal output.
///
/// Usage: kimichat-bench [--conversations N] [--messages-per N] [--long N] [--runs N] [--db PATH]
///        kimichat-bench --terminal [--quick] [--only NAMES]
///        kimichat-bench --import [--quick] [--conversations N] [--messages N]
///        kimichat-bench --write-export PATH [--conversations N] [--messages N]   (the export only)
///        kimichat-bench --attachments [--quick] [--runs N]
///        kimichat-bench --scale 110k|1m [--quick] [--runs N] [--scale-folder DIR] [--only NAMES] [--kimichat PATH]
///                   (issue 19: filter, open, send, find, size, startup)
@main
struct KimichatBench {
    static func main() async throws {
        let options = Options(CommandLine.arguments.dropFirst())
        if let path = options.exportPath {
            let shape = try ChatGPTExportWriter.write(to: path, conversations: options.conversationsGiven
                ? options.conversations : 10_000, messages: options.messages, seed: 15)
            print("wrote \(shape.conversations) conversations, \(shape.messages) message nodes "
                + "(\(shape.visible) to keep), \(shape.bytes) bytes to \(path)")
            return
        }
        if options.importing {
            do {
                // Defaults: issue 15's export of 10,000 conversations and 1,000,000 messages.
                let conversations = options.quick ? 50 : (options.conversationsGiven ? options.conversations : 10_000)
                try ImportBenchmark(kimichat: try kimichatBinary(options), conversations: conversations,
                                    messages: options.quick ? 1_000 : options.messages).run()
            } catch {
                FileHandle.standardError.write(Data("kimichat-bench: \(error)\n".utf8))
                exit(1)
            }
            return
        }
        if let scale = options.scale {
            do {
                try await scaleBenchmark(scale, options)
            } catch {
                FileHandle.standardError.write(Data("kimichat-bench: \(error)\n".utf8))
                exit(1)
            }
            return
        }
        if options.attachments {
            do {
                try await AttachmentBenchmark(quick: options.quick, runs: options.quick ? 1 : max(1, options.runs / 4)).run()
            } catch {
                FileHandle.standardError.write(Data("kimichat-bench: \(error)\n".utf8))
                exit(1)
            }
            return
        }
        if options.terminal {
            do {
                try await terminalBenchmarks(options)
            } catch {
                FileHandle.standardError.write(Data("kimichat-bench: \(error)\n".utf8))
                exit(1)
            }
            return
        }
        try storageBenchmarks(options)
    }

    /// The scenarios that run kimichat itself on a pseudo-terminal (issue 6).
    /// The kimichat binary to run: `--kimichat`, else the one beside the bench.
    static func kimichatBinary(_ options: Options) throws -> String {
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        let kimichat = options.kimichat
            ?? executable.deletingLastPathComponent().appendingPathComponent("kimichat").path
        guard FileManager.default.isExecutableFile(atPath: kimichat) else {
            throw BenchError.failed("build kimichat first: \(kimichat) is missing")
        }
        return kimichat
    }

    static func terminalBenchmarks(_ options: Options) async throws {
        let kimichat = try kimichatBinary(options)
        let server = try await MockMoonshotServer.start()
        let root = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("kimichat-bench-\(getpid())")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        let driver = TerminalDriver(kimichat: kimichat, server: server, root: root)
        try TerminalBenchmarks(driver: driver, quick: options.quick, only: options.only).runAll()
        try await server.shutdown()
    }

    static func scaleBenchmark(_ name: String, _ options: Options) async throws {
        guard let size = ScaleBenchmark.sizes[options.quick ? "quick" : name] else {
            throw BenchError.failed("--scale takes 110k or 1m, not \(name)")
        }
        // Start-up and memory run the kimichat binary against the mock, as the terminal bench does.
        let server = try await MockMoonshotServer.start()
        let homes = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("kimichat-scale-homes-\(getpid())")
        try FileManager.default.createDirectory(at: homes, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: homes) }
        let driver = TerminalDriver(kimichat: try kimichatBinary(options), server: server, root: homes)
        let kept = options.scaleFolder.map { URL(fileURLWithPath: $0) }
        let folder = kept ?? URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("kimichat-scale-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { if kept == nil { try? FileManager.default.removeItem(at: folder) } }
        let bench = ScaleBenchmark(size: size, longMessages: options.quick ? 2_000 : 100_000,
                                   runs: options.quick ? 1 : options.runs, folder: folder, driver: driver,
                                   only: options.only)
        let rows = try bench.run()
        try await server.shutdown()
        print(ScaleBenchmark.table(rows, size: size))
    }

    static func storageBenchmarks(_ options: Options) throws {
        let path = options.db ?? NSTemporaryDirectory() + "kimichat-bench-\(getpid()).sqlite"
        let fresh = !FileManager.default.fileExists(atPath: path)
        let store = try ConversationStore(path: path)
        defer { if options.db == nil { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } } }

        var longID = try store.latestConversation()?.id
        if fresh {
            let seedStart = ContinuousClock.now
            longID = try seed(store, options)
            print("seeded \(options.conversations) conversations × \(options.messagesPerConversation) messages "
                + "and one of \(options.longConversation) in \(ContinuousClock.now - seedStart)")
        }
        guard let longID else { print("empty database"); return }
        let width = 120, height = 40

        var switching = Measurement()
        var loading = Measurement()
        for _ in 0..<options.runs {
            switching.run {
                let saved = loading.run { try? store.load(longID) }
                // As the TUI at start: the conversation is the initial state.
                let state = AppState(settings: ChatSettings(model: "kimi-k2.6", hasAPIKey: true), reopening: saved)
                let renderer = ScreenRenderer(theme: .dark, cache: TranscriptLayoutCache())
                _ = renderer.render(state, width: width, height: height)
            }
        }
        print("switch to \(options.longConversation) messages, first frame \(width)x\(height): \(switching.summary)")
        print("  of which reading the rows:                      \(loading.summary)")

        // Sending in the long conversation: history chosen to fit the window (issue 4),
        // the request built, the saves asked for; the pure part the main thread runs.
        let catalogue = (try? BundledModels.load()) ?? []
        for model in ["kimi-k2.6", "moonshot-v1-8k"] {
            var sending = Measurement()
            var omitted = 0
            let saved = try store.load(longID)
            for _ in 0..<options.runs {
                var state = AppState(settings: ChatSettings(model: model, hasAPIKey: true), reopening: saved,
                                     models: catalogue)
                state.conversation.model = model
                _ = reduce(&state, .textEntered("one more question"))
                _ = sending.run { reduce(&state, .keyPressed(.enter)) }
                omitted = state.messages.last?.omittedHistory ?? 0
            }
            let label = "send in it, \(model) (\(omitted) left out)".padding(toLength: 44, withPad: " ", startingAt: 0)
            print("\(label) \(sending.summary)")
        }

        BranchBenchmarks.run(questions: options.quick ? 50 : options.longConversation / 5, runs: options.runs)

        let queries = ["", "the", "pomegranate", "thinking result", "世界", "石榴", "上下文", "zq"]
        for query in queries {
            var filtering = Measurement()
            var found = 0
            for _ in 0..<options.runs {
                found = filtering.run { filterList(store, query, width: width, height: height) }
            }
            let label = "filter \"\(query)\" (\(found) found)".padding(toLength: 44, withPad: " ", startingAt: 0)
            print("\(label) \(filtering.summary)")
        }
    }

    /// One keystroke in the list's filter, as the TUI runs it: the search, then the list
    /// drawn with its results. Returns how many were found.
    static func filterList(_ store: ConversationStore, _ query: String, width: Int = 120, height: Int = 40) -> Int {
        let matches = (try? store.conversations(matching: query, limit: ConversationList.limit(for: query))) ?? []
        var state = AppState(settings: ChatSettings(model: "kimi-k2.6", hasAPIKey: true))
        _ = reduce(&state, .keyPressed(.ctrl("o")))
        _ = reduce(&state, .conversationsFound(search: 1, matches, readAt: Date()))
        _ = ScreenRenderer(theme: .dark).render(state, width: width, height: height)
        return matches.count
    }

    static func seed(_ store: ConversationStore, _ options: Options) throws -> ConversationID {
        var data = SeedData(seed: 42)
        let start = Date(timeIntervalSince1970: 1_790_000_000)
        var batch: [SavedConversation] = []
        for index in 0..<options.conversations {
            batch.append(data.conversation(messages: options.messagesPerConversation,
                                           updated: start.addingTimeInterval(Double(index) * 60)))
            if batch.count == 500 { try store.importConversations(batch); batch = [] }
        }
        try store.importConversations(batch)
        let long = data.conversation(messages: options.longConversation,
                                     updated: start.addingTimeInterval(Double(options.conversations + 1) * 60))
        return try store.importConversations([long])[0]
    }
}

struct Options {
    var conversations = 5_000
    var messagesPerConversation = 20
    var longConversation = 10_000
    var runs = 20
    var db: String?
    /// The terminal scenarios instead of the storage ones.
    var terminal = false
    /// `kimichat import` of a generated ChatGPT export instead (issue 15).
    var importing = false
    /// Attaching a document and sending an image against the mock instead (issue 16).
    var attachments = false
    /// Message nodes in the generated export.
    var messages = 1_000_000
    var conversationsGiven = false
    /// `--write-export PATH`: only write the generated export there.
    var exportPath: String?
    /// Small sizes and single runs: a smoke test that the benchmark still works.
    var quick = false
    /// The kimichat binary the terminal scenarios run (default: the one beside the bench),
    /// so two builds can be measured side by side with the same bench.
    var kimichat: String?
    /// Only the terminal scenarios whose names are listed (`paced`, `streaming`, …).
    var only: Set<String> = []
    /// `--scale 110k|1m`: issue 19's scenarios at that size.
    var scale: String?
    /// `--scale-folder DIR`: seed into DIR and keep it; a folder seeded before is reused
    /// as it is (opening it applies any newer schema, which is then measured too).
    var scaleFolder: String?

    init(_ arguments: ArraySlice<String>) {
        var iterator = arguments.makeIterator()
        while let argument = iterator.next() {
            if argument == "--terminal" { terminal = true; continue }
            if argument == "--import" { importing = true; continue }
            if argument == "--attachments" { attachments = true; continue }
            if argument == "--quick" {
                quick = true
                conversations = 50; messagesPerConversation = 10; longConversation = 500; runs = 2
                continue
            }
            let value = iterator.next()
            switch argument {
            case "--conversations":
                conversations = value.flatMap(Int.init) ?? conversations
                conversationsGiven = true
            case "--write-export": exportPath = value
            case "--messages": messages = value.flatMap(Int.init) ?? messages
            case "--messages-per": messagesPerConversation = value.flatMap(Int.init) ?? messagesPerConversation
            case "--long": longConversation = value.flatMap(Int.init) ?? longConversation
            case "--runs": runs = value.flatMap(Int.init) ?? runs
            case "--db": db = value
            case "--kimichat": kimichat = value
            case "--only": only = Set((value ?? "").split(separator: ",").map(String.init))
            case "--scale": scale = value
            case "--scale-folder": scaleFolder = value
            default: print("unknown option \(argument)")
            }
        }
    }
}
