/// For one streaming reply: how many deltas arrived, how many frames were drawn, and
/// how long a delta waited before a frame showed it. The loop logs a line of these
/// when the reply ends; `kimichat-bench` reads it to check frame coalescing.
struct StreamFrameStatistics {
    private(set) var deltas = 0
    private(set) var frames = 0
    private var firstDelta: ContinuousClock.Instant?
    private var lastFrame: ContinuousClock.Instant?
    /// The oldest and newest deltas not yet on screen.
    private var oldestUndrawn: ContinuousClock.Instant?
    private var newestUndrawn: ContinuousClock.Instant?
    /// The longest any delta waited for its frame, and how long the last one waited.
    private(set) var longestWait: Duration = .zero
    private(set) var lastWait: Duration = .zero

    /// `count` deltas, the first of them arrived at `first` and the last at `last`.
    mutating func deltasArrived(_ count: Int, first: ContinuousClock.Instant, last: ContinuousClock.Instant) {
        deltas += count
        if firstDelta == nil { firstDelta = first }
        if oldestUndrawn == nil { oldestUndrawn = first }
        newestUndrawn = last
    }

    mutating func frameDrawn(at now: ContinuousClock.Instant) {
        guard let oldest = oldestUndrawn, let newest = newestUndrawn else { return }
        frames += 1
        longestWait = max(longestWait, now - oldest)
        lastWait = now - newest
        lastFrame = now
        oldestUndrawn = nil
        newestUndrawn = nil
    }

    /// One log line: `stream frames: deltas=… frames=… seconds=… longest_wait_ms=… last_wait_ms=…`.
    var summary: String {
        let seconds = firstDelta.flatMap { first in lastFrame.map { Self.seconds($0 - first) } } ?? 0
        return "stream frames: deltas=\(deltas) frames=\(frames) seconds=\(Self.format(seconds))"
            + " longest_wait_ms=\(Self.format(Self.seconds(longestWait) * 1000))"
            + " last_wait_ms=\(Self.format(Self.seconds(lastWait) * 1000))"
    }

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    private static func format(_ value: Double) -> String {
        String(Double(Int((value * 1000).rounded())) / 1000)
    }
}
