/// Decides when to draw: at most one frame per interval however fast changes come, and
/// never later than one interval after the change that asked for it.
struct FrameScheduler {
    static let interval: Duration = .milliseconds(16)
    /// While a reply streams: replies come at tens of tokens a second, and every frame
    /// moves the cursor to the text and back to the input; at 25 frames a second two
    /// deltas usually share one, and text appearing is still smooth to read.
    static let streamingInterval: Duration = .milliseconds(40)

    private var lastFrame: ContinuousClock.Instant?

    /// When the next frame may be drawn: now, or a moment after the last one.
    func nextFrame(now: ContinuousClock.Instant, streaming: Bool) -> ContinuousClock.Instant {
        guard let lastFrame else { return now }
        return max(now, lastFrame + (streaming ? Self.streamingInterval : Self.interval))
    }

    mutating func drew(at now: ContinuousClock.Instant) {
        lastFrame = now
    }
}
