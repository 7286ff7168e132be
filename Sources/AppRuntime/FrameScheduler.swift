/// Decides when to draw: at most one frame per interval however fast changes come, and
/// never later than one interval after the change that asked for it.
struct FrameScheduler {
    static let interval: Duration = .milliseconds(16)

    private var lastFrame: ContinuousClock.Instant?

    /// When the next frame may be drawn: now, or a moment after the last one.
    func nextFrame(now: ContinuousClock.Instant) -> ContinuousClock.Instant {
        guard let lastFrame else { return now }
        return max(now, lastFrame + Self.interval)
    }

    mutating func drew(at now: ContinuousClock.Instant) {
        lastFrame = now
    }
}
