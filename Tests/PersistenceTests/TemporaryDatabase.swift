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
