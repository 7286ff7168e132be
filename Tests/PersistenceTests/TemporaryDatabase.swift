import Foundation
@testable import Persistence

/// A database file in its own temporary directory, removed when the test ends.
final class TemporaryDatabase {
    let directory: String
    let path: String

    init() {
        directory = NSTemporaryDirectory() + "kimichat-store-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        path = directory + "/kimichat.sqlite"
    }

    func open(isProcessAlive: @escaping @Sendable (Int32) -> Bool = ConversationStore.processIsAlive) throws
        -> ConversationStore {
        try ConversationStore(path: path, isProcessAlive: isProcessAlive)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: directory)
    }
}

/// Runs blocking database work on a thread of its own. Two connections contending for
/// the write lock wait inside SQLite's busy handler; on Swift's cooperative pool (two
/// threads here) that would stall every other test running beside them.
func onOwnThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread {
            do { continuation.resume(returning: try body()) } catch { continuation.resume(throwing: error) }
        }.start()
    }
}
