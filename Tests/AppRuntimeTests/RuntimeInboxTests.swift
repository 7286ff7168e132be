@testable import AppRuntime
import ChatCore
import ChatDomain
import ScreenKit
import Testing

/// The inbox holds a reply's deltas back while the loop has a frame due at a set time,
/// and wakes it for everything else.
@Suite("The runtime inbox")
struct RuntimeInboxTests {
    static let delta = RuntimeInput.action(.streamEvent(1, .content("word ")))

    /// How many wake-ups the loop would see: the stream buffers at most one, and closing
    /// it delivers what is buffered, so this is 0 or 1 and never waits.
    private func wakeUps(_ inbox: RuntimeInbox) async -> Int {
        inbox.close()
        var count = 0
        for await _ in inbox.wakeUps { count += 1 }
        return count
    }

    @Test func aDeltaWakesTheLoopWhenNoFrameIsDue() async {
        let inbox = RuntimeInbox(clock: ManualClock())
        inbox.post(Self.delta)
        #expect(await wakeUps(inbox) == 1)
        #expect(inbox.takeAll().heldDeltas == nil, "a delta that woke the loop did not wait")
    }

    @Test func whileHoldingADeltaWaitsWithoutWakingTheLoop() async {
        let clock = ManualClock()
        let inbox = RuntimeInbox(clock: clock)
        inbox.holdDeltas(until: clock.now + .milliseconds(40))
        let first = clock.now
        inbox.post(Self.delta)
        clock.advance(by: .milliseconds(20))
        inbox.post(Self.delta)
        #expect(inbox.waitingDeltas == 2)
        #expect(await wakeUps(inbox) == 0)
        let batch = inbox.takeAll()
        #expect(batch.inputs == [Self.delta, Self.delta])
        #expect(batch.heldDeltas?.first == first)
        #expect(batch.heldDeltas?.last == first + .milliseconds(20))
        #expect(inbox.waitingDeltas == 0)
    }

    @Test func whileHoldingAnythingElseStillWakesTheLoop() async {
        let clock = ManualClock()
        let inbox = RuntimeInbox(clock: clock)
        inbox.holdDeltas(until: clock.now + .milliseconds(40))
        inbox.post(.action(.streamEnded(1)))
        #expect(await wakeUps(inbox) == 1, "the end of a reply shows at once")
        let keys = RuntimeInbox(clock: clock)
        keys.holdDeltas(until: clock.now + .milliseconds(40))
        keys.post(.terminal(.inputAvailable))
        #expect(await wakeUps(keys) == 1, "keys are handled at once")
    }

    @Test func aDeltaAfterTheDeadlineWakesTheLoopWhenTheAlarmIsLate() async {
        let clock = ManualClock()
        let inbox = RuntimeInbox(clock: clock)
        inbox.holdDeltas(until: clock.now + .milliseconds(40))
        clock.advance(by: .milliseconds(40))
        inbox.post(Self.delta)
        #expect(await wakeUps(inbox) == 1)
    }

    @Test func afterHoldingEndsDeltasWakeTheLoopAgain() async {
        let inbox = RuntimeInbox(clock: ManualClock())
        inbox.holdDeltas(until: .now + .seconds(60))
        inbox.holdDeltas(until: nil)
        inbox.post(Self.delta)
        #expect(await wakeUps(inbox) == 1)
    }
}
