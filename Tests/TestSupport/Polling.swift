import Foundation

/// Waiting on state instead of on the clock: poll until something holds, or watch that
/// something keeps holding until a deadline the test can name (such as the moment a
/// cancelled retry would have been sent) and fail the moment it stops.
public enum Polling {
    /// Waits until `condition` holds (it may run a child process, such as `kimichat
    /// export`), checking every 20 ms; throws after `timeout`.
    public static func until(_ what: String, timeout: Duration = .seconds(10),
                             _ condition: () async throws -> Bool) async throws {
        let deadline = ContinuousClock.now + timeout
        while try await !condition() {
            guard ContinuousClock.now < deadline else { throw TestSupportError.timedOut("timed out waiting for \(what)") }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    /// Checks `condition` every 20 ms until `deadline`; throws as soon as it fails.
    public static func holds(_ what: String, until deadline: ContinuousClock.Instant,
                             _ condition: () throws -> Bool) async throws {
        repeat {
            guard try condition() else { throw TestSupportError.timedOut("no longer true: \(what)") }
            try await Task.sleep(for: .milliseconds(20))
        } while ContinuousClock.now < deadline
        guard try condition() else { throw TestSupportError.timedOut("no longer true: \(what)") }
    }
}
