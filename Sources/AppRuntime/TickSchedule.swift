import ChatCore

/// When the spinner ticks: every `AppState.tickSeconds` while a reply streams, never
/// while idle (an idle app wakes for nothing).
struct TickSchedule {
    static let interval: Duration = .milliseconds(Int(AppState.tickSeconds * 1000))

    private(set) var next: ContinuousClock.Instant?

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
