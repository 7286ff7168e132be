import Testing
@testable import AppRuntime

@Suite("Frame statistics of a streamed reply")
struct StreamFrameStatisticsTests {
    @Test("counts deltas and the frames that showed them, and how long deltas waited")
    func counting() {
        var statistics = StreamFrameStatistics()
        let start = ContinuousClock.now
        statistics.frameDrawn(at: start)
        #expect(statistics.frames == 0, "a frame with no new delta is not the stream's")
        statistics.deltasArrived(1, first: start, last: start)
        statistics.deltasArrived(1, first: start + .milliseconds(5), last: start + .milliseconds(5))
        statistics.frameDrawn(at: start + .milliseconds(16))
        statistics.deltasArrived(1, first: start + .milliseconds(20), last: start + .milliseconds(20))
        statistics.frameDrawn(at: start + .milliseconds(22))
        #expect(statistics.deltas == 3)
        #expect(statistics.frames == 2)
        #expect(statistics.longestWait == .milliseconds(16))
        #expect(statistics.lastWait == .milliseconds(2))
        #expect(statistics.summary == "stream frames: deltas=3 frames=2 seconds=0.022 longest_wait_ms=16.0 last_wait_ms=2.0")
    }
}
