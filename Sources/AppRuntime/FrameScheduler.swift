/// Decides when to draw: at most one frame per interval however fast actions come,
/// and never later than one interval after the change that asked for it.
struct FrameScheduler {
    static let interval: Duration = .milliseconds(16)

    private(set) var isScheduled = false
    private var lastFrame: ContinuousClock.Instant?

    /// How long to wait before drawing, or nil when a frame is already on its way.
    mutating func schedule(now: ContinuousClock.Instant) -> Duration? {
        guard !isScheduled else { return nil }
        isScheduled = true
        guard let lastFrame else { return .zero }
        let due = lastFrame + FrameScheduler.interval
        return due > now ? due - now : .zero
    }

    mutating func drew(at now: ContinuousClock.Instant) {
        isScheduled = false
        lastFrame = now
    }
}
