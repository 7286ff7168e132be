import ChatCore

/// When the spinner ticks: every `AppState.tickSeconds` while a reply streams, never
/// while idle (an idle app wakes for nothing).
struct TickSchedule {
    static let interval: Duration = .milliseconds(Int(AppState.tickSeconds * 1000))

    private(set) var next: ContinuousClock.Instant?

    /// How late a tick may come to share the loop's wake-up for a frame: a tick only
    /// steps the spinner or the rate, and while text streams a frame's wake-up comes
    /// every 40 ms anyway, so ticks then cost no wake-ups of their own.
    static let slack = FrameScheduler.streamingInterval

    /// When the loop must wake for the next tick, given the wake-up it has for a frame:
    /// nil when that one comes within `slack` of the tick.
    func wakeUp(besides frameWake: ContinuousClock.Instant?) -> ContinuousClock.Instant? {
        guard let next else { return nil }
        if let frameWake, frameWake <= next + Self.slack { return nil }
        return next
    }

    /// Whether a tick is due at `now`; starts and stops with the reply.
    mutating func isDue(now: ContinuousClock.Instant, streaming: Bool) -> Bool {
        guard streaming else {
            next = nil
            return false
        }
        guard let due = next else {
            next = now + Self.interval
            return false
        }
        guard now >= due else { return false }
        // A loop held up for longer does not tick in a burst to catch up.
        let following = due + Self.interval
        next = following > now ? following : now + Self.interval
        return true
    }
}
