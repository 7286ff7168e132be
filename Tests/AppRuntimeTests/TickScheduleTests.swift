@testable import AppRuntime
import Testing

/// Ticks come every interval while a reply streams, never while idle, and share the
/// loop's wake-up for a frame when one comes soon after.
@Suite("The tick schedule")
struct TickScheduleTests {
    let start = ContinuousClock.now

    @Test func ticksOnlyWhileStreaming() {
        var ticks = TickSchedule()
        let idle = ticks.isDue(now: start, streaming: false)
        #expect(!idle)
        #expect(ticks.next == nil, "an idle app has nothing to wake for")
        let first = ticks.isDue(now: start, streaming: true)
        #expect(!first, "the first tick is one interval away")
        #expect(ticks.next == start + TickSchedule.interval)
        let second = ticks.isDue(now: start + TickSchedule.interval, streaming: true)
        #expect(second)
        let stopped = ticks.isDue(now: start + TickSchedule.interval, streaming: false)
        #expect(!stopped)
        #expect(ticks.next == nil)
    }

    @Test func aLoopHeldUpDoesNotTickInABurst() {
        var ticks = TickSchedule()
        _ = ticks.isDue(now: start, streaming: true)
        let late = ticks.isDue(now: start + .seconds(5), streaming: true)
        #expect(late)
        let again = ticks.isDue(now: start + .seconds(5), streaming: true)
        #expect(!again)
        #expect(ticks.next == start + .seconds(5) + TickSchedule.interval)
    }

    @Test func aTickWaitsForAFrameWakeUpThatComesSoonAfter() {
        var ticks = TickSchedule()
        _ = ticks.isDue(now: start, streaming: true)
        let due = start + TickSchedule.interval
        #expect(ticks.wakeUp(besides: nil) == due, "no frame coming: the tick wakes the loop")
        #expect(ticks.wakeUp(besides: due - .milliseconds(30)) == nil, "a frame wakes the loop first")
        #expect(ticks.wakeUp(besides: due + TickSchedule.slack) == nil, "the tick waits for the frame")
        #expect(ticks.wakeUp(besides: due + TickSchedule.slack + .milliseconds(1)) == due,
                "a frame too far off does not hold the tick")
    }
}
