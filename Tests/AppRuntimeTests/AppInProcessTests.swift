@testable import AppRuntime
import ChatCore
import ChatDomain
import ChatService
import ChatViews
import Foundation
import Logging
import MockMoonshot
import ModelCatalogue
import Persistence
import ScreenKit
import Testing

/// The whole app in this process: a reply streams from the mock server over real HTTP
/// through the chat service and the loop into a scripted terminal, with time held
/// still by a manual clock so that every frame comes when the test says.
@Suite("The app in process", .serialized)
@MainActor
struct AppInProcessTests {
    struct FixedModels: ModelListing {
        func lineup() async -> (models: [ModelInfo], note: String?) { ((try? BundledModels.load()) ?? [], nil) }
    }

    struct NoEditor: ExternalEditing {
        func edit(_ text: String) -> Result<String, ExternalEditFailure> { .success(text + " (edited)") }
    }

    /// One running app and what it talks to.
    @MainActor
    final class Running {
        let server: MockMoonshotServer
        let service: ChatService
        let terminal = ScriptedTerminal(columns: 100, rows: 30)
        let clock = ManualClock()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kimichat-app-\(UUID().uuidString)")
        var loop: AppLoop<ScriptedTerminal>?
        var task: Task<Void, Never>?

        init(server: MockMoonshotServer) throws {
            self.server = server
            service = ChatService(configuration: ChatServiceConfiguration(baseURL: server.baseURL, apiKey: "sk-test"))
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        }

        deinit { try? FileManager.default.removeItem(at: folder) }

        var flushes: [ScriptedTerminal.Flush] { terminal.flushes }
        var state: AppState? { loop?.state }

        /// Quits with Ctrl-Q and waits for the loop to give the terminal back.
        func quit() async {
            terminal.type([.ctrl("q")])
            await task?.value
            await service.shutdown()
            try? await server.shutdown()
        }
    }

    private func start() async throws -> Running {
        let running = try Running(server: try await MockMoonshotServer.start())
        let store = try ConversationStore(path: running.folder.appendingPathComponent("app.sqlite").path)
        let models = (try? BundledModels.load()) ?? []
        let state = AppState(settings: ChatSettings(model: "moonshot-v1-8k", hasAPIKey: true), models: models)
        let loop = AppLoop(state: state, terminal: running.terminal, chat: running.service, conversations: store,
                           models: FixedModels(), editor: NoEditor(), theme: .dark,
                           logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }, clock: running.clock)
        running.loop = loop
        running.task = Task { await loop.run() }
        try await waitUntil("the first frame") { running.flushes.count >= 1 }
        return running
    }

    struct TimedOut: Error, CustomStringConvertible {
        var description: String
    }

    /// Polls on the main actor, where the loop's state lives, every 2 ms.
    private func waitUntil(_ what: String, timeout: Duration = .seconds(10), _ condition: () -> Bool) async throws {
        let deadline = ContinuousClock.now + timeout
        while !condition() {
            guard ContinuousClock.now < deadline else { throw TimedOut(description: "timed out waiting for \(what)") }
            try await Task.sleep(for: .milliseconds(2))
        }
    }

    /// The row of the separator above the input, and of the status bar below it.
    private func inputRows(_ flush: ScriptedTerminal.Flush) -> ClosedRange<Int>? {
        guard let separator = flush.lines.lastIndex(where: { $0.hasPrefix("────") }) else { return nil }
        return (separator + 1)...(flush.lines.count - 2)
    }

    @Test("a reply streams into the scripted terminal: a frame per delta when due, few rows each, the cursor at the input, the end at once")
    func streamsFrameByFrame() async throws {
        let running = try await start()
        // Slow enough that deltas come one by one even on a machine busy with other tests.
        let words = (1...12).map { "w\($0) " }
        running.server.enqueue(MockScenario(reply: words.joined(), paceMilliseconds: 120))
        running.terminal.type("hello")
        running.terminal.type([.enter])
        try await waitUntil("the reply to start") { running.state?.isStreaming == true }

        var advances = 0
        var framesShown = running.flushes.count
        while running.state?.isStreaming == true {
            // Deltas wait in the inbox for the frame's turn, which has not come: time
            // stands still until the test moves the clock past the frame interval.
            guard (running.loop?.waitingDeltas ?? 0) > 0 else {
                try await Task.sleep(for: .milliseconds(2))
                continue
            }
            let before = running.flushes.count
            #expect(before == framesShown, "a delta was drawn before its frame was due")
            let deltas = running.state?.activeReply?.deltas ?? 0
            running.clock.advance(by: FrameScheduler.streamingInterval)
            advances += 1
            try await waitUntil("the frame after delta \(deltas)") {
                running.flushes.count > before || running.state?.isStreaming != true
            }
            framesShown = running.flushes.count
        }
        // The end shows without the clock moving: it is drawn the moment it arrives.
        try await waitUntil("the end of the reply on screen") {
            running.flushes.last?.lines.contains { $0.contains("ready") } == true
        }
        let flushes = running.flushes
        let screen = flushes.last?.lines.joined(separator: "\n") ?? ""
        #expect(screen.contains(words.joined().trimmingCharacters(in: .whitespaces)))
        // However the machine bunched the deltas, each frame came only when time moved.
        #expect(advances >= 1)
        // Every frame leaves the real cursor in the input.
        for flush in flushes {
            let input = try #require(inputRows(flush))
            #expect(flush.cursor.map { input.contains($0.row) } == true, "cursor at \(String(describing: flush.cursor))")
        }
        // A delta repaints the rows of the text that grew, not the screen: at most two
        // transcript rows, plus the status bar when a spinner tick fell in the same frame.
        let streamingFrames = flushes.dropFirst(2).dropLast(2)
        for flush in streamingFrames {
            #expect(flush.rowsDrawn.count <= 3, "rows \(flush.rowsDrawn)")
        }
        await running.quit()
        #expect(running.terminal.isStopped)
    }

    @Test("a key typed while a reply streams is drawn at once, with the reply still streaming")
    func keyBetweenDeltas() async throws {
        let running = try await start()
        // The reply stops after three words without ending: it is surely still streaming
        // when the key comes, however slow the machine.
        running.server.enqueue(MockScenario(reply: "one two three four", anomaly: StreamAnomaly(.stall, afterTokens: 3)))
        running.terminal.type("hello")
        running.terminal.type([.enter])
        // The deltas wait for the frame's turn; moving the clock brings it.
        try await waitUntil("three deltas in") {
            (running.loop?.waitingDeltas ?? 0) + (running.state?.activeReply?.deltas ?? 0) >= 3
        }
        running.clock.advance(by: FrameScheduler.streamingInterval)
        try await waitUntil("three deltas") { (running.state?.activeReply?.deltas ?? 0) >= 3 }
        let before = running.flushes.count
        running.terminal.type("x")
        // Time stands still: only drawing at once can show the key.
        try await waitUntil("the key's frame") { running.flushes.last?.lines.contains { $0.hasSuffix("› x") } == true }
        #expect(running.flushes.count > before)
        #expect(running.state?.isStreaming == true)
        #expect(running.flushes.last?.lines.contains { $0.contains("streaming") } == true)
        running.terminal.type([.escape])
        try await waitUntil("the reply stopped") { running.state?.isStreaming == false }
        await running.quit()
    }

    @Test("a resize reaches the layout and the reducer: the next frame has the new size, an overlay its new page")
    func resize() async throws {
        let running = try await start()
        running.terminal.type([.function(1)])
        try await waitUntil("help open") { running.flushes.last?.lines.contains { $0.contains("Help") } == true }
        let rowsBefore = running.state?.overlayRows
        running.terminal.resize(columns: 80, rows: 20)
        // Resizes are drawn at the next frame's turn, which comes when time moves on.
        try await waitUntil("the new size adopted") { running.terminal.rows == 20 }
        running.clock.advance(by: FrameScheduler.interval)
        try await waitUntil("a frame of the new size") { running.flushes.last?.lines.count == 20 }
        try await waitUntil("the overlay's rows measured again") { running.state?.overlayRows != rowsBefore }
        #expect(running.flushes.last?.rowsDrawn.count == 20, "a resize draws the whole screen")
        #expect((running.state?.overlayRows ?? 0) < (rowsBefore ?? 0))
        await running.quit()
    }

    @Test("Alt-Y puts the reply on the clipboard through the terminal backend, not as bytes from the core")
    func clipboard() async throws {
        let running = try await start()
        running.server.enqueue(MockScenario(reply: "copy me"))
        running.terminal.type("hi")
        running.terminal.type([.enter])
        try await waitUntil("the reply") {
            let lines = running.flushes.last?.lines ?? []
            return lines.contains { $0.contains("copy me") } && lines.contains { $0.contains("ready") }
        }
        running.terminal.type([.alt("y")])
        try await waitUntil("the copy") { !running.terminal.clipboard.isEmpty }
        #expect(running.terminal.clipboard == ["copy me"])
        await running.quit()
    }
}
