import ChatDomain
import Synchronization

/// What a body reader has seen so far: when the last bytes came, and whether a token
/// did (a failure after one is never retried).
final class ReadProgress: Sendable {
    private let state = Mutex((lastBytes: ContinuousClock.now, sawToken: false))

    func bytesArrived() { state.withLock { $0.lastBytes = .now } }
    func tokenArrived() { state.withLock { $0.sawToken = true } }
    var lastBytes: ContinuousClock.Instant { state.withLock { $0.lastBytes } }
    var sawToken: Bool { state.withLock { $0.sawToken } }
}

/// Runs a body reader beside a watchdog that ends it when no bytes arrive for
/// `seconds`. Measured here rather than by AsyncHTTPClient's read timeout, which also
/// runs while the response head is awaited and would cut a slow head short of its
/// own, longer timeout.
enum IdleWatch {
    static func run<Result: Sendable>(seconds: Int64,
                                      _ read: @escaping @Sendable (ReadProgress) async throws -> Result)
        async throws -> Result {
        let progress = ReadProgress()
        return try await withThrowingTaskGroup(of: Result?.self) { group in
            group.addTask { try await read(progress) }
            group.addTask {
                try await watch(progress, seconds: seconds)
                return nil
            }
            while let finished = try await group.next() {
                if let result = finished {
                    group.cancelAll()
                    return result
                }
            }
            throw CancellationError()
        }
    }

    private static func watch(_ progress: ReadProgress, seconds: Int64) async throws {
        while true {
            let deadline = progress.lastBytes + .seconds(seconds)
            if ContinuousClock.now >= deadline {
                throw AttemptFailure(error: .interrupted("no data arrived for \(seconds) s (idle timeout)"),
                                     afterFirstToken: progress.sawToken)
            }
            try await Task.sleep(until: deadline, clock: .continuous)
        }
    }
}
