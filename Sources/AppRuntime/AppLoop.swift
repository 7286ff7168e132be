import ChatCore
import ChatDomain
import ChatViews
import Logging
import ScreenKit

/// The interactive app: takes what arrived in the inbox (keys, terminal events, reply
/// deltas, database results), runs it through the store, hands effects out, and draws
/// coalesced frames. Everything here happens on the main actor, the only place the
/// terminal is touched.
@MainActor
public final class AppLoop<Terminal: InteractiveTerminal> {
    private let store: Store
    private let inbox: RuntimeInbox
    private var frames: FrameDriver<Terminal>
    private let effects: EffectRunner
    private let editor: any ExternalEditing
    private let clock: any RuntimeClock
    private var ticks = TickSchedule()
    /// Ctrl-Z stopped the process: the SIGCONT of the shell's fg is expected, and drawn for.
    private var continuedAfterOwnStop = false
    private var alarm: WakeAlarm
    private let logger: Logger
    /// Why a copy cannot reach the clipboard (tmux holding it back), asked at each copy
    /// since the user may change the setting while kimichat runs; nil when nothing stops it.
    private let clipboardProblem: @Sendable () -> String?

    /// How often other windows' changes to the open conversation are looked for: a check
    /// is one row read by its key. The request path checks for itself, so this only
    /// decides how soon an idle window shows the other's changes.
    static var changeCheckInterval: Duration { .seconds(1) }

    public init(state: AppState, terminal: Terminal, chat: any ChatStreaming, conversations: any ConversationRepository,
                models: any ModelListing, editor: any ExternalEditing, theme: Theme, logger: Logger,
                clock: any RuntimeClock = SystemClock(), attachments: (any AttachmentPreparing)? = nil,
                balance: (any BalanceChecking)? = nil, home: String = "",
                clipboardProblem: @escaping @Sendable () -> String? = { nil }) {
        store = Store(state: state)
        inbox = RuntimeInbox(clock: clock)
        frames = FrameDriver(terminal: terminal, renderer: ScreenRenderer(theme: theme, memory: FrameMemory()),
                             logger: logger)
        effects = EffectRunner(chat: chat, conversations: conversations, models: models, inbox: inbox, logger: logger,
                               attachments: attachments, balance: balance, home: home)
        alarm = WakeAlarm(clock: clock, inbox: inbox)
        self.editor = editor
        self.clock = clock
        self.logger = logger
        self.clipboardProblem = clipboardProblem
    }

    /// The state, for tests that drive the loop in process.
    var state: AppState { store.state }

    /// A reply's deltas not yet taken from the inbox, for those tests: they wait there
    /// for the frame's turn.
    var waitingDeltas: Int { inbox.waitingDeltas }

    /// Runs until the user quits or a termination signal arrives; the terminal is
    /// restored before this returns.
    public func run() async {
        let helpers = startHelpers()
        defer {
            for helper in helpers { helper.cancel() }
            alarm.cancel()
            // The terminal first: waiting for another kimichat's lock must not leave
            // the screen frozen.
            frames.stop()
            effects.shutDown()
        }
        effects.storage.watch(store.state.conversationWatch)
        draw(now: clock.now)
        logger.info("first frame drawn")
        dispatch(.firstFrameDrawn)
        for await _ in inbox.wakeUps {
            // Whatever arrives from here on wakes the loop again, until it holds anew.
            inbox.holdDeltas(until: nil)
            handle(inbox.takeAll())
            if store.state.isQuitting { break }
        }
    }

    /// Forwards terminal events to the inbox, and looks for other windows' changes.
    private func startHelpers() -> [Task<Void, Never>] {
        let events = frames.terminal.events
        let inbox = self.inbox
        let forwarder = Task.detached {
            for await event in events { inbox.post(.terminal(event)) }
        }
        let storage = effects.storage
        let clock = self.clock
        let interval = Self.changeCheckInterval
        let changeWatcher = Task.detached {
            while (try? await clock.sleep(until: clock.now + interval)) != nil {
                storage.checkForChanges()
            }
        }
        return [forwarder, changeWatcher]
    }

    /// One wake-up's worth of input, then at most one frame.
    private func handle(_ batch: InboxBatch) {
        var drawNow = false
        for input in batch.inputs.mergingStreamEvents() {
            switch input {
            case .terminal(.inputAvailable):
                let keys = frames.readKeys()
                for action in TerminalInput.actions(for: keys) { dispatch(action) }
                // What was typed shows at once, not at the next frame's turn: keys come
                // at a person's pace, so this costs a few frames a second at most. (A
                // wake-up whose keys an earlier one already read draws nothing early.)
                if !keys.isEmpty { drawNow = true }
            case .terminal(.resized):
                // Drawn at the next frame's turn: a storm of resizes costs one frame each 16 ms.
                frames.adoptNewSize()
            case .terminal(.resumed) where continuedAfterOwnStop:
                // fg after Ctrl-Z: the frame was drawn whole already.
                continuedAfterOwnStop = false
            case .terminal(.resumed):
                // Stopped from outside (kill -STOP) and continued: the screen may hold
                // anything, and the window may have changed size meanwhile.
                logger.info("continued after a stop")
                frames.recoverAfterStop()
                drawNow = true
            case let .terminal(.terminationRequested(signal)):
                logger.info("termination signal \(signal)")
                dispatch(.terminationRequested)
            case let .action(action):
                dispatch(action, heldDeltas: batch.heldDeltas)
            }
            if store.state.isQuitting { return }
        }
        let now = clock.now
        if ticks.isDue(now: now, streaming: store.state.isStreaming) { dispatch(.tick) }
        // The end of a reply shows at once: it happens once per reply.
        if frames.endOfReplyDue { drawNow = true }
        let frameAt = frames.nextFrame(for: store, now: now)
        if let frameAt, drawNow || frameAt <= now {
            draw(now: now)
        }
        // While a reply streams, its deltas wait in the inbox for the frame's turn even
        // when the screen is up to date: the loop then wakes once a frame, not once a delta.
        let frameTurn = frames.nextFrame(for: store, now: now)
            ?? (store.state.isStreaming ? frames.nextStreamingTurn(now: now) : nil)
        let frameWake = frameTurn.flatMap { $0 > now ? $0 : nil }
        alarm.set(earliest(frameWake, ticks.wakeUp(besides: frameWake)), now: now)
        inbox.holdDeltas(until: frameWake)
    }

    private func earliest(_ first: ContinuousClock.Instant?, _ second: ContinuousClock.Instant?)
        -> ContinuousClock.Instant? {
        guard let first else { return second }
        guard let second else { return first }
        return min(first, second)
    }

    /// `heldDeltas`: when the deltas among this wake-up's input that waited in the inbox
    /// for the frame arrived (their wait counts in the frame statistics).
    private func dispatch(_ action: AppAction, heldDeltas: (first: ContinuousClock.Instant, last: ContinuousClock.Instant)? = nil) {
        let now = clock.now
        let arrived = heldDeltas ?? (now, now)
        switch action {
        case .streamEvent: frames.deltasArrived(1, first: arrived.first, last: arrived.last)
        case let .streamEvents(_, events): frames.deltasArrived(events.count, first: arrived.first, last: arrived.last)
        case .streamEnded, .streamFailed: frames.replyEnded()
        default: break
        }
        for effect in send(action) {
            run(effect)
        }
        effects.noteHandled(action)
        effects.storage.watch(store.state.conversationWatch)
    }

    /// A tick changes the screen only now and then (the spinner's step, the rate once a
    /// second, a thinking timer): when it changes nothing drawn, no frame is drawn for it.
    private func send(_ action: AppAction) -> [AppEffect] {
        guard case .tick = action else { return store.send(action) }
        let before = frames.tickSensitiveText(store.state)
        let effects = store.sendUnmarked(action)
        if frames.tickSensitiveText(store.state) != before { store.markChanged() }
        return effects
    }

    private func run(_ effect: AppEffect) {
        if effects.run(effect) {
            switch effect {
            case .startReply: frames.replyStarted()
            case .cancelReply: frames.replyEnded()
            default: break
            }
            return
        }
        switch effect {
        case let .scrollTranscript(move):
            dispatch(.transcriptScrolled(frames.scrolled(store.state, move)))
        case let .copyToClipboard(text):
            frames.copyToClipboard(text)
            if let problem = clipboardProblem() { dispatch(.clipboardUnavailable(problem)) }
        case .suspend:
            logger.info("suspended (Ctrl-Z)")
            frames.suspend()
            frames.adoptNewSize()
            continuedAfterOwnStop = true
            logger.info("resumed after Ctrl-Z")
        case let .editExternally(text):
            var outcome: Result<String, ExternalEditFailure> = .failure(ExternalEditFailure("The editor did not run."))
            let editor = self.editor
            frames.runOutside { outcome = editor.edit(text) }
            dispatch(.externalEditFinished(outcome))
        default:
            break
        }
    }

    private func draw(now: ContinuousClock.Instant) {
        for measured in frames.drawIfStale(store, now: now) { dispatch(measured) }
    }
}
