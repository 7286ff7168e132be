import ChatCore
import ChatViews
import Logging
import ScreenKit

/// The drawing side of the loop: owns the terminal, turns the store's state into frames,
/// sends only the rows that changed, and keeps the per-reply frame statistics.
@MainActor
struct FrameDriver<Terminal: InteractiveTerminal> {
    private(set) var terminal: Terminal
    private let renderer: ScreenRenderer
    private var presenter = FramePresenter()
    private var scheduler = FrameScheduler()
    /// The store revision on screen; -1 forces the next frame.
    private var drawnRevision = -1
    private var statistics = StreamFrameStatistics()
    /// A reply ended: its statistics are logged after the frame that shows its end.
    private(set) var endOfReplyDue = false
    private let logger: Logger

    init(terminal: Terminal, renderer: ScreenRenderer, logger: Logger) {
        self.terminal = terminal
        self.renderer = renderer
        self.logger = logger
    }

    func isStale(_ store: Store) -> Bool {
        store.revision != drawnRevision && !store.state.isQuitting
    }

    /// When the next frame may go out, if one is wanted.
    func nextFrame(for store: Store, now: ContinuousClock.Instant) -> ContinuousClock.Instant? {
        isStale(store) ? scheduler.nextFrame(now: now, streaming: store.state.isStreaming) : nil
    }

    /// When a streaming frame could next be drawn, whether one is wanted or not.
    func nextStreamingTurn(now: ContinuousClock.Instant) -> ContinuousClock.Instant {
        scheduler.nextFrame(now: now, streaming: true)
    }

    func tickSensitiveText(_ state: AppState) -> String {
        renderer.tickSensitiveText(state)
    }

    mutating func replyStarted() { statistics = StreamFrameStatistics() }

    mutating func deltasArrived(_ count: Int, first: ContinuousClock.Instant, last: ContinuousClock.Instant) {
        statistics.deltasArrived(count, first: first, last: last)
    }

    mutating func replyEnded() { endOfReplyDue = true }

    /// Draws the state unless it is on screen already. Returns an action the layout
    /// asks the reducer to take (an overlay's page size changed), if any.
    mutating func drawIfStale(_ store: Store, now: ContinuousClock.Instant) -> [AppAction] {
        guard isStale(store) else { return [] }
        let state = store.state
        let frame = renderer.render(state, width: terminal.columns, height: terminal.rows)
        presenter.present(frame, on: &terminal)
        drawnRevision = store.revision
        scheduler.drew(at: now)
        statistics.frameDrawn(at: now)
        if endOfReplyDue {
            endOfReplyDue = false
            logger.info("\(statistics.summary)")
        }
        // The input's width, for Up and Down: learnt when the window's width changes.
        var measured: [AppAction] = []
        let inputColumns = renderer.inputColumns(width: terminal.columns)
        if inputColumns != state.inputColumns { measured.append(.inputColumnsMeasured(inputColumns)) }
        // The layout decides an overlay's page; the reducer learns it from here. Only
        // while one is open: a streaming frame must not wrap the input a second time.
        guard state.overlay != nil else { return measured }
        let overlayRows = renderer.overlayRows(state, width: terminal.columns, height: terminal.rows)
        if overlayRows != state.overlayRows { measured.append(.overlayRowsMeasured(overlayRows)) }
        return measured
    }

    /// After a resize or the editor: the next frame is drawn whole.
    mutating func redrawWhole() {
        presenter.invalidate()
        drawnRevision = -1
    }

    mutating func adoptNewSize() {
        terminal.adoptNewSize()
        redrawWhole()
    }

    mutating func readKeys() -> [Key] { terminal.readKeys() }

    func scrolled(_ state: AppState, _ move: ScrollMove) -> TranscriptScroll {
        renderer.scrolled(state, move, width: terminal.columns, height: terminal.rows)
    }

    mutating func copyToClipboard(_ text: String) { terminal.copyToClipboard(text) }

    /// Lends the terminal to `body` (the external editor); the next frame is drawn whole.
    mutating func runOutside(_ body: () -> Void) {
        terminal.runOutside(body)
        redrawWhole()
    }

    /// Continued after a stop: the next frame is drawn whole, on a screen cleared first.
    mutating func recoverAfterStop() {
        terminal.recoverAfterStop()
        redrawWhole()
    }

    /// Ctrl-Z: the shell has the terminal until `fg`; then the frame is drawn whole.
    mutating func suspend() {
        terminal.suspend()
        redrawWhole()
    }

    mutating func stop() { terminal.stop() }
}
