/// Wakes the loop at its next deadline (a frame, a spinner tick) when nothing else
/// does first. One timer at a time, set again only for an earlier deadline.
@MainActor
struct WakeAlarm {
    private let clock: any RuntimeClock
    private let inbox: RuntimeInbox
    private var timer: Task<Void, Never>?
    private var deadline: ContinuousClock.Instant?

    init(clock: any RuntimeClock, inbox: RuntimeInbox) {
        self.clock = clock
        self.inbox = inbox
    }

    /// Sets the alarm for `wanted` (nil: nothing to wake for).
    mutating func set(_ wanted: ContinuousClock.Instant?, now: ContinuousClock.Instant) {
        if let deadline, deadline <= now { self.deadline = nil }
        guard let wanted else { return }
        if let deadline, deadline <= wanted { return }
        timer?.cancel()
        deadline = wanted
        let clock = clock
        let inbox = inbox
        timer = Task.detached {
            guard (try? await clock.sleep(until: wanted)) != nil else { return }
            inbox.wake()
        }
    }

    mutating func cancel() {
        timer?.cancel()
        timer = nil
        deadline = nil
    }
}
