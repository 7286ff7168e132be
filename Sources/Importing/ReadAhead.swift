import Foundation

extension ImportReader {
    /// Like `read`, but the file is read and parsed on a thread of its own while the
    /// caller's thread stores what was read: the two halves of an import take turns on
    /// two cores instead of one. `progress` and `each` are called on the caller's thread,
    /// in order; at most `capacity` conversations wait between the two, so memory stays
    /// bounded however fast one side is. If `each` throws, reading stops.
    public func readAhead(capacity: Int = 32, progress: (ImportProgress) -> Void = { _ in },
                          each: (ImportItem) throws -> Void) throws {
        let handoff = Handoff(capacity: capacity)
        let reader = self
        let thread = Thread {
            var failure: ImportError?
            do {
                try reader.read(progress: { handoff.put(.progress($0)) }) { item in
                    guard handoff.put(.item(item)) else { throw Handoff.Stopped() }
                }
            } catch let error as ImportError {
                failure = error
            } catch is Handoff.Stopped {
            } catch {
                failure = .unreadable(path: reader.path, reason: "\(error)")
            }
            handoff.put(.end(failure))
        }
        thread.stackSize = 8 << 20
        thread.start()
        do {
            while true {
                switch handoff.take() {
                case let .item(item): try each(item)
                case let .progress(value): progress(value)
                case let .end(failure):
                    if let failure { throw failure }
                    return
                }
            }
        } catch {
            handoff.stop()
            // The reader ends at its next hand-over; wait for it, so nothing runs on.
            handoff.waitForEnd()
            throw error
        }
    }
}

/// What passes from the reading thread to the storing one.
private enum ReadEvent: Sendable {
    case item(ImportItem)
    case progress(ImportProgress)
    case end(ImportError?)
}

/// A bounded queue between one producer thread and one consumer thread.
private final class Handoff: @unchecked Sendable {
    struct Stopped: Error {}

    private let condition = NSCondition()
    private var events: [ReadEvent] = []
    private var head = 0
    private var stopped = false
    private var ended = false
    private let capacity: Int

    init(capacity: Int) { self.capacity = max(1, capacity) }

    /// Waits for room (progress and the end never wait); false once the consumer stopped.
    @discardableResult
    func put(_ event: ReadEvent) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        if case .item = event {
            while events.count - head >= capacity && !stopped { condition.wait() }
        }
        if case .end = event { ended = true }
        if stopped { condition.broadcast(); return false }
        events.append(event)
        condition.broadcast()
        return true
    }

    func take() -> ReadEvent {
        condition.lock()
        defer { condition.unlock() }
        while head == events.count { condition.wait() }
        let event = events[head]
        head += 1
        if head > 1_024 { events.removeFirst(head); head = 0 }
        condition.broadcast()
        return event
    }

    func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        condition.unlock()
    }

    /// After `stop`: waits until the producer has ended.
    func waitForEnd() {
        condition.lock()
        defer { condition.unlock() }
        while !ended { condition.wait() }
    }
}
