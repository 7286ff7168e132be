import ChatDomain
import ChatService
import TOMLKit

/// The `[network]` table: timeouts and retries, with defaults that suit thinking models.
struct NetworkSettings: Equatable {
    var connectTimeout: Int64 = 10
    var responseTimeout: Int64 = 300
    var idleTimeout: Int64 = 120
    var maxAttempts = 4
    var retryDelay = 1.0

    static let knownKeys = ["connect_timeout", "response_timeout", "idle_timeout", "max_attempts", "retry_delay"]

    init() {}

    init(_ table: TOMLTable, path: String) throws {
        if let unknown = table.keys.first(where: { !Self.knownKeys.contains($0) }) {
            throw CommandFailure("\(path): unknown setting “network.\(unknown)” (known: "
                + Self.knownKeys.map { "network." + $0 }.joined(separator: ", ") + ").")
        }
        connectTimeout = try Self.seconds(table, "connect_timeout", path) ?? connectTimeout
        responseTimeout = try Self.seconds(table, "response_timeout", path) ?? responseTimeout
        idleTimeout = try Self.seconds(table, "idle_timeout", path) ?? idleTimeout
        if let attempts = table["max_attempts"] {
            guard let count = attempts.int, (1...20).contains(count) else {
                throw CommandFailure("\(path): network.max_attempts must be a whole number from 1 to 20.")
            }
            maxAttempts = count
        }
        if let delay = table["retry_delay"] {
            guard let seconds = delay.double ?? delay.int.map(Double.init), seconds >= 0, seconds <= 60 else {
                throw CommandFailure("\(path): network.retry_delay must be a number of seconds from 0 to 60.")
            }
            retryDelay = seconds
        }
    }

    private static func seconds(_ table: TOMLTable, _ key: String, _ path: String) throws -> Int64? {
        guard let value = table[key] else { return nil }
        guard let seconds = value.int, seconds >= 1, seconds <= 3600 else {
            throw CommandFailure("\(path): network.\(key) must be a whole number of seconds from 1 to 3600.")
        }
        return Int64(seconds)
    }

    func apply(to configuration: inout ChatServiceConfiguration) {
        configuration.connectTimeout = connectTimeout
        configuration.responseHeadTimeout = responseTimeout
        configuration.idleTimeout = idleTimeout
        configuration.retry = RetryPolicy(maxAttempts: maxAttempts, baseDelay: retryDelay)
    }
}
