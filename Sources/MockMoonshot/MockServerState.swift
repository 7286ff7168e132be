import Foundation
import Synchronization

/// What the mock server remembers across connections: queued scenarios, the request
/// log and the disconnects it saw. Shared by every connection, so it is locked.
final class MockServerState: Sendable {
    private struct Contents {
        var queue: [MockScenario] = []
        var uploadFailures: [UploadFailure] = []
        var balance = MockBalance()
        var extractionFailures: [MockScenario.HTTPError] = []
        var defaultScenario: MockScenario
        var requests: [RecordedRequest] = []
        var disconnects = 0
        var completedStreams = 0
        var files: [String: MockFile] = [:]
        var nextFile = 1
    }

    private let contents: Mutex<Contents>
    let requestLogPath: String?
    let acceptedKey: String?
    let controlsEnabled: Bool

    init(defaultScenario: MockScenario, requestLogPath: String?, acceptedKey: String?, controlsEnabled: Bool = false) {
        contents = Mutex(Contents(defaultScenario: defaultScenario))
        self.requestLogPath = requestLogPath
        self.acceptedKey = acceptedKey
        self.controlsEnabled = controlsEnabled
    }

    func enqueue(_ scenarios: [MockScenario]) {
        contents.withLock { $0.queue.append(contentsOf: scenarios) }
    }

    func setBalance(_ balance: MockBalance) {
        contents.withLock { $0.balance = balance }
    }

    /// The balance endpoint's body, shaped as moonshot-api.md §5.3 shows it.
    var balanceJSON: String {
        let balance = contents.withLock { $0.balance }
        return "{\"code\":0,\"data\":{\"available_balance\":\(balance.available),"
            + "\"voucher_balance\":\(balance.voucher),\"cash_balance\":\(balance.cash)},\"scode\":\"0x0\",\"status\":true}"
    }

    /// Inference is refused while nothing is available (§5.3).
    var balanceIsSpent: Bool { contents.withLock { $0.balance.available <= 0 } }

    func failUploads(_ failures: [UploadFailure]) {
        contents.withLock { $0.uploadFailures.append(contentsOf: failures) }
    }

    func failExtractions(_ failures: [MockScenario.HTTPError]) {
        contents.withLock { $0.extractionFailures.append(contentsOf: failures) }
    }

    func nextExtractionFailure() -> MockScenario.HTTPError? {
        contents.withLock { $0.extractionFailures.isEmpty ? nil : $0.extractionFailures.removeFirst() }
    }

    func nextUploadFailure() -> UploadFailure? {
        contents.withLock { $0.uploadFailures.isEmpty ? nil : $0.uploadFailures.removeFirst() }
    }

    func setDefault(_ scenario: MockScenario) {
        contents.withLock { $0.defaultScenario = scenario }
    }

    func nextScenario() -> MockScenario {
        contents.withLock { $0.queue.isEmpty ? $0.defaultScenario : $0.queue.removeFirst() }
    }

    func record(_ request: RecordedRequest) {
        contents.withLock { $0.requests.append(request) }
        guard let requestLogPath else { return }
        let line = Data((request.logLine + "\n").utf8)
        if let handle = FileHandle(forWritingAtPath: requestLogPath) {
            _ = try? handle.seekToEnd()
            try? handle.write(contentsOf: line)
            try? handle.close()
        } else {
            _ = FileManager.default.createFile(atPath: requestLogPath, contents: line)
        }
    }

    /// Keeps an upload; returns it with its id.
    func store(filename: String, purpose: String, bytes: [UInt8]) -> MockFile {
        contents.withLock { contents in
            let file = MockFile(id: "mock-file-\(contents.nextFile)", filename: filename, purpose: purpose, bytes: bytes,
                                createdAt: Int(Date().timeIntervalSince1970))
            contents.nextFile += 1
            contents.files[file.id] = file
            return file
        }
    }

    func file(_ id: String) -> MockFile? { contents.withLock { $0.files[id] } }

    /// Returns whether there was such a file.
    func deleteFile(_ id: String) -> Bool { contents.withLock { $0.files.removeValue(forKey: id) != nil } }

    var fileCount: Int { contents.withLock { $0.files.count } }

    func recordDisconnect() { contents.withLock { $0.disconnects += 1 } }
    func recordCompletedStream() { contents.withLock { $0.completedStreams += 1 } }

    var requests: [RecordedRequest] { contents.withLock { $0.requests } }
    var disconnects: Int { contents.withLock { $0.disconnects } }
    var completedStreams: Int { contents.withLock { $0.completedStreams } }
}
