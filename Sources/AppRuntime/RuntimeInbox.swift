import ChatCore
import ChatDomain
import ScreenKit
import Synchronization

/// Everything that can reach the main loop.
enum RuntimeInput: Sendable, Equatable {
    case terminal(TerminalEvent)
    case action(AppAction)
}

/// The loop's one input queue. Producers (the terminal, a streaming reply, the
/// database, timers) post from any thread; the loop wakes and takes everything waiting
/// in one go, so what arrived within one frame is handled, and drawn, together.
final class RuntimeInbox: Sendable {
    private let waiting = Mutex<[RuntimeInput]>([])
    /// One pending wake-up is enough: the loop drains the whole queue when it wakes.
    let wakeUps: AsyncStream<Void>
    private let wakeUp: AsyncStream<Void>.Continuation

    init() {
        (wakeUps, wakeUp) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    func post(_ input: RuntimeInput) {
        waiting.withLock { $0.append(input) }
        wakeUp.yield()
    }

    /// Wakes the loop with nothing new: a deadline it set has come.
    func wake() {
        wakeUp.yield()
    }

    func takeAll() -> [RuntimeInput] {
        waiting.withLock { waiting in
            defer { waiting.removeAll(keepingCapacity: true) }
            return waiting
        }
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
