import ChatCore
import ChatDomain
import ChatViews
import Logging
import ScreenKit

/// The interactive app: reads keys and terminal events, runs them through the store,
/// runs effects, and draws coalesced frames. Everything here happens on the main actor,
/// the only place the terminal is touched.
@MainActor
public final class AppLoop<Terminal: InteractiveTerminal> {
    private let store: Store
    private var terminal: Terminal
    private let renderer: ScreenRenderer
    private var presenter = FramePresenter()
    private var scheduler = FrameScheduler()
    private let clock = ContinuousClock()
    private let logger: Logger
    private let inputs: AsyncStream<RuntimeInput>
    private let send: AsyncStream<RuntimeInput>.Continuation
    private var replies: ReplyRunner!
    private var storage: StorageRunner!
    private let modelListing: any ModelListing
    private let editor: any ExternalEditing
    private var ticker: Task<Void, Never>?
    /// Checks the open conversation for other windows' changes, off the main actor.
    private var changeWatcher: Task<Void, Never>?
    /// How often: a check is one row read by its key. The request path checks for
    /// itself, so this only decides how soon an idle window shows the other's changes.
    static var changeCheckInterval: Duration { .seconds(1) }
    private var drawnRevision = -1
    private var streamStatistics = StreamFrameStatistics()
    /// The reply has ended: its statistics are logged after the frame that shows its end.
    private var streamStatisticsDue = false

    public init(state: AppState, terminal: Terminal, chat: any ChatStreaming, conversations: any ConversationRepository,
                models: any ModelListing, editor: any ExternalEditing, theme: Theme, logger: Logger) {
        modelListing = models
        self.editor = editor
        store = Store(state: state)
        self.terminal = terminal
        renderer = ScreenRenderer(theme: theme)
        self.logger = logger
        (inputs, send) = AsyncStream.makeStream(of: RuntimeInput.self, bufferingPolicy: .unbounded)
        let send = self.send
        let storage = StorageRunner(repository: conversations, logger: logger) { send.yield(.action($0)) }
        self.storage = storage
        replies = ReplyRunner(chat: chat, logger: logger, beforeSending: { await storage.afterPendingWrites() }) {
            send.yield(.action($0))
        }
    }

    /// Runs until the user quits or a termination signal arrives; the terminal is
    /// restored before this returns.
    public func run() async {
        let terminalEvents = terminal.events
        let send = self.send
        let forwarder = Task.detached {
            for await event in terminalEvents { send.yield(.terminal(event)) }
        }
        let storage = self.storage!
        storage.watch(store.state.conversationWatch)
        let interval = Self.changeCheckInterval
        changeWatcher = Task.detached {
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                storage.checkForChanges()
            }
        }
        defer {
            forwarder.cancel()
            changeWatcher?.cancel()
            ticker?.cancel()
            replies.cancelAll()
            // The terminal first: waiting for another kimichat's lock must not leave
            // the screen frozen.
            terminal.stop()
            storage.drain()
        }
        draw()
        logger.info("first frame drawn")
        for await input in inputs {
            handle(input)
            if store.state.isQuitting { break }
        }
    }

    private func handle(_ input: RuntimeInput) {
        switch input {
        case .terminal(.inputAvailable):
            var text = ""
            for key in terminal.readKeys() {
                if case let .character(character) = key {
                    text.append(character)
                    continue
                }
                if !text.isEmpty { dispatch(.textEntered(text)); text = "" }
                dispatch(.keyPressed(key))
            }
            if !text.isEmpty { dispatch(.textEntered(text)) }
            // What was typed shows at once, not at the next frame's turn: keys come at
            // a person's pace, so this costs a few frames a second at most.
            drawIfChanged()
            return
        case .terminal(.resized):
            terminal.adoptNewSize()
            presenter.invalidate()
            drawnRevision = -1
        case let .terminal(.terminationRequested(signal)):
            logger.info("termination signal \(signal)")
            dispatch(.terminationRequested)
        case let .action(action):
            dispatch(action)
            // The end of a reply shows at once: it happens once per reply.
            if streamStatisticsDue {
                drawIfChanged()
                return
            }
        case .frameDue:
            // A key may have drawn this state already.
            drawIfChanged()
            return
        }
        requestFrame()
    }

    private func dispatch(_ action: AppAction) {
        switch action {
        case .streamEvent: streamStatistics.deltaArrived(at: clock.now)
        case let .streamEnded(id), let .streamFailed(id, _):
            replies.finished(id)
            streamStatisticsDue = true
        case let .historyChangedBeforeSending(id, _):
            replies.finished(id)
        default: break
        }
        for effect in store.send(action) {
            run(effect)
        }
        updateTicker()
        storage.watch(store.state.conversationWatch)
    }

    private func run(_ effect: AppEffect) {
        switch effect {
        case let .startReply(id, request):
            streamStatistics = StreamFrameStatistics()
            replies.start(id, request)
        case let .cancelReply(id):
            replies.cancel(id)
            streamStatisticsDue = true
        case let .scrollTranscript(move):
            let scroll = renderer.scrolled(store.state, move, width: terminal.columns, height: terminal.rows)
            dispatch(.transcriptScrolled(scroll))
        case .saveMessage, .searchConversations, .openConversation, .renameConversation, .deleteConversation,
             .setConversationModel:
            storage.run(effect)
        case let .copyToClipboard(text):
            terminal.copyToClipboard(text)
        case let .editExternally(text):
            var outcome: Result<String, ExternalEditFailure> = .failure(ExternalEditFailure("The editor did not run."))
            let editor = self.editor
            terminal.runOutside { outcome = editor.edit(text) }
            presenter.invalidate()
            drawnRevision = -1
            dispatch(.externalEditFinished(outcome))
        case .fetchModels:
            let listing = modelListing
            let send = self.send
            Task.detached {
                let lineup = await listing.lineup()
                send.yield(.action(.modelsListed(lineup.models, note: lineup.note)))
            }
        case .quit:
            break
        }
    }

    /// Spinner ticks only while a reply streams: an idle app wakes for nothing.
    private func updateTicker() {
        if store.state.isStreaming, ticker == nil {
            let send = self.send
            ticker = Task.detached {
                while !Task.isCancelled {
                    try? await Task.sleep(for: .milliseconds(Int(AppState.tickSeconds * 1000)))
                    send.yield(.action(.tick))
                }
            }
        } else if !store.state.isStreaming, let running = ticker {
            running.cancel()
            ticker = nil
        }
    }

    private func requestFrame() {
        guard store.revision != drawnRevision, !store.state.isQuitting,
              let delay = scheduler.schedule(now: clock.now) else { return }
        let send = self.send
        if delay == .zero {
            send.yield(.frameDue)
        } else {
            Task.detached {
                try? await Task.sleep(for: delay)
                send.yield(.frameDue)
            }
        }
    }

    private func drawIfChanged() {
        if store.revision != drawnRevision, !store.state.isQuitting { draw() }
    }

    private func draw() {
        let frame = renderer.render(store.state, width: terminal.columns, height: terminal.rows)
        presenter.present(frame, on: &terminal)
        drawnRevision = store.revision
        // The layout decides an overlay's page; the reducer learns it from here. Only
        // while one is open: a streaming frame must not wrap the input a second time.
        if store.state.overlay != nil {
            let overlayRows = renderer.overlayRows(store.state, width: terminal.columns, height: terminal.rows)
            if overlayRows != store.state.overlayRows { dispatch(.overlayRowsMeasured(overlayRows)) }
        }
        let now = clock.now
        scheduler.drew(at: now)
        streamStatistics.frameDrawn(at: now)
        if streamStatisticsDue {
            streamStatisticsDue = false
            logger.info("\(streamStatistics.summary)")
        }
    }
}
