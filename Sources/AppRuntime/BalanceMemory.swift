import ChatDomain
import Foundation
import Synchronization

/// The last balance read and when: help asks each time it opens, the endpoint is asked
/// at most once a minute.
final class BalanceMemory: Sendable {
    private let last = Mutex<(reading: BalanceReading, at: ContinuousClock.Instant)?>(nil)

    func remember(_ reading: BalanceReading) {
        // A failure is not kept: the next opening of help tries again.
        guard case .known = reading else { return }
        last.withLock { $0 = (reading, .now) }
    }

    func recent(within age: Duration) -> BalanceReading? {
        last.withLock { stored in
            guard let stored, ContinuousClock.now - stored.at < age else { return nil }
            return stored.reading
        }
    }
}
