import ChatCore
import ChatDomain
import ScreenKit
import Synchronization

/// Everything that can reach the main loop.
enum RuntimeInput: Sendable, Equatable {
    case terminal(TerminalEvent)
    case action(AppAction)

    /// A piece of a streaming reply: drawn at the next frame's turn, never sooner.
    var isStreamDelta: Bool {
        if case .action(.streamEvent) = self { return true }
        return false
    }
}

/// What the loop takes from the inbox in one go.
struct InboxBatch: Sendable {
    var inputs: [RuntimeInput] = []
    /// When the first and the last delta held back for the frame arrived.
    var heldDeltas: (first: ContinuousClock.Instant, last: ContinuousClock.Instant)?
}

/// The loop's one input queue. Producers (the terminal, a streaming reply, the
/// database, timers) post from any thread; the loop wakes and takes everything waiting
/// in one go, so what arrived within one frame is handled, and drawn, together.
///
/// While a frame is already due at a set time, a reply's deltas wait here without
/// waking the loop: at Kimi's pace (a delta every 20 ms, a streaming frame every 40 ms)
/// that halves the loop's wake-ups, and a delta is shown no later than it would be.
final class RuntimeInbox: Sendable {
    private struct Waiting {
        var batch = InboxBatch()
        /// Until when a reply's deltas wait for the loop's alarm.
        var holdUntil: ContinuousClock.Instant?
    }

    private let waiting = Mutex(Waiting())
    private let clock: any RuntimeClock
    /// One pending wake-up is enough: the loop drains the whole queue when it wakes.
    let wakeUps: AsyncStream<Void>
    private let wakeUp: AsyncStream<Void>.Continuation

    init(clock: any RuntimeClock) {
        self.clock = clock
        (wakeUps, wakeUp) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    func post(_ input: RuntimeInput) {
        let now = input.isStreamDelta ? clock.now : nil
        let held = waiting.withLock { waiting in
            waiting.batch.inputs.append(input)
            // Past the deadline the alarm is late (a busy machine): the delta wakes the
            // loop itself, so no delta waits longer than it did before holding.
            guard let now, let until = waiting.holdUntil, now < until else { return false }
            waiting.batch.heldDeltas = (waiting.batch.heldDeltas?.first ?? now, now)
            return true
        }
        if !held { wakeUp.yield() }
    }

    /// Until `deadline`, deltas wait for the loop's alarm for it; nil: they wake the
    /// loop at once. The loop holds only while its alarm is set: held deltas are never
    /// stranded.
    func holdDeltas(until deadline: ContinuousClock.Instant?) {
        waiting.withLock { $0.holdUntil = deadline }
    }

    /// Wakes the loop with nothing new: a deadline it set has come.
    func wake() {
        wakeUp.yield()
    }

    func takeAll() -> InboxBatch {
        waiting.withLock { waiting in
            defer {
                waiting.batch.inputs.removeAll(keepingCapacity: true)
                waiting.batch.heldDeltas = nil
            }
            return waiting.batch
        }
    }

    /// How many of a reply's deltas wait for the loop.
    var waitingDeltas: Int {
        waiting.withLock { $0.batch.inputs.count(where: \.isStreamDelta) }
    }

    /// Ends the loop's wait for good.
    func close() {
        wakeUp.finish()
    }
}

extension Array where Element == RuntimeInput {
    /// Consecutive events of one reply become one `.streamEvents` action: a burst of
    /// deltas costs one reduction and one frame.
    func mergingStreamEvents() -> [RuntimeInput] {
        var merged: [RuntimeInput] = []
        var run: (id: RequestID, events: [StreamEvent])?
        func endRun() {
            guard let ended = run else { return }
            merged.append(.action(ended.events.count == 1 ? .streamEvent(ended.id, ended.events[0])
                                                          : .streamEvents(ended.id, ended.events)))
            run = nil
        }
        for input in self {
            if case let .action(.streamEvent(id, event)) = input {
                if run?.id == id {
                    run?.events.append(event)
                } else {
                    endRun()
                    run = (id, [event])
                }
            } else {
                endRun()
                merged.append(input)
            }
        }
        endRun()
        return merged
    }
}
