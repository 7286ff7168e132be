import ChatDomain
import Foundation
import Logging

/// Turns a path into an attachment: reads the file, checks it, sizes an image, and
/// hands a document to the Files API — uploaded with `purpose=file-extract`, its text
/// read back, the upload deleted at once so the account's 1,000-file quota stays free.
/// Uploads are tried again like chat requests when they fail before an answer.
public struct AttachmentPreparer: AttachmentPreparing {
    /// Nil without a key: documents that need an upload are refused with a word on that.
    let service: ChatService?
    /// For `~`.
    let home: String
    let retry: RetryPolicy
    /// Waits between tries; tests pass one that does not sleep.
    let pause: @Sendable (Double) async -> Void

    public init(service: ChatService?, home: String, retry: RetryPolicy = RetryPolicy(),
                pause: @escaping @Sendable (Double) async -> Void = { seconds in
                    try? await Task.sleep(for: .milliseconds(Int(seconds * 1000)))
                }) {
        self.service = service
        self.home = home
        self.retry = retry
        self.pause = pause
    }

    public func prepareAttachment(path: String, progress: @escaping @Sendable (AttachmentProgress) -> Void) async
        -> Result<Attachment, AttachmentFailure> {
        do {
            return .success(try await prepare(path: path, progress: progress))
        } catch let failure as AttachmentFailure {
            return .failure(failure)
        } catch {
            service?.logger.warning("attaching \(path) failed: \(String(describing: error))")
            return .failure(AttachmentFailure("\(path) could not be attached (see the log)."))
        }
    }

    private func prepare(path typed: String, progress: @escaping @Sendable (AttachmentProgress) -> Void) async throws
        -> Attachment {
        let path = FilePaths.expand(typed, home: home)
        let bytes = try FilePaths.readForAttaching(path, as: typed)
        let name = (path as NSString).lastPathComponent
        switch FileClassification.classify(name: name, bytes: bytes) {
        case let .image(format):
            return Attachment(name: name, byteCount: bytes.count, content: .image(AttachedImage(
                mediaType: format.mediaType, pixelSize: format.pixelSize(of: bytes),
                storage: AttachedImage.storage(for: bytes, path: path))))
        case let .inlineText(text):
            return Attachment(name: name, byteCount: bytes.count,
                              content: .document(AttachedDocument(text: text, source: .inline)))
        case let .unsupported(reason):
            throw AttachmentFailure(reason)
        case .upload:
            guard let service else {
                throw AttachmentFailure("\(name) needs Kimi's Files API to be read, and no API key is set "
                    + "(MOONSHOT_API_KEY).")
            }
            let text = try await extract(name: name, bytes: bytes, with: service, progress: progress)
            return Attachment(name: name, byteCount: bytes.count,
                              content: .document(AttachedDocument(text: text, source: .extracted)))
        }
    }

    private func extract(name: String, bytes: Data, with service: ChatService,
                         progress: @escaping @Sendable (AttachmentProgress) -> Void) async throws -> String {
        progress(.uploading)
        let uploaded = try await tryAgain("uploading \(name)", service: service, cutNote: true) {
            try await service.uploadFile(named: name, contents: [UInt8](bytes))
        }
        progress(.extracting)
        let text: String
        do {
            text = try await tryAgain("reading the text of \(name)", service: service) {
                try await service.extractedText(ofFile: uploaded.id)
            }
        } catch {
            await delete(uploaded, with: service)
            throw error
        }
        await delete(uploaded, with: service)
        // Not `trimmingCharacters`: on Linux it copies the text through UTF-16, half a
        // second for a 10 MB document (measured); this stops at the first letter.
        guard text.unicodeScalars.contains(where: { !$0.properties.isWhitespace }) else {
            throw AttachmentFailure("Kimi's Files API found no text in \(name) (a scan without text, or an "
                + "empty document): nothing to send.")
        }
        return text
    }

    /// Once extracted, the upload has served: it would only count against the quota.
    private func delete(_ file: UploadedFile, with service: ChatService) async {
        do {
            try await service.deleteFile(file.id)
            service.logger.info("deleted upload \(file.id) (\(file.filename)) from the platform once its text was read")
        } catch {
            service.logger.warning(
                "could not delete upload \(file.id) (\(file.filename)): \(error); it counts against the account's 1,000 files until deleted")
        }
    }

    /// `body`, tried again after failures that `retry` retries. `cutNote`: an upload whose
    /// answer was lost may have been kept all the same, out of kimichat's reach.
    private func tryAgain<T>(_ what: String, service: ChatService, cutNote: Bool = false,
                             _ body: () async throws -> T) async throws -> T {
        var attempt = 1
        while true {
            do {
                return try await body()
            } catch let error as ChatError {
                guard let wait = retry.delay(after: error, attempt: attempt, retryAfter: nil,
                                             jitter: Double.random(in: 0..<1)) else {
                    throw AttachmentFailure(Self.failureMessage(what, error, attempts: attempt))
                }
                try Task.checkCancellation()
                switch error {
                case .interrupted where cutNote, .connection where cutNote:
                    service.logger.warning(
                        "\(what): no answer; if the platform kept that copy it counts against the account's 1,000 files until deleted (GET /v1/files lists them)")
                default:
                    break
                }
                await pause(wait)
                attempt += 1
            }
        }
    }

    static func failureMessage(_ what: String, _ error: ChatError, attempts: Int) -> String {
        let tries = attempts > 1 ? " (after \(attempts) tries)" : ""
        if case let .http(400, _, message) = error {
            return "Kimi's Files API refused \(what): \(message)."
        }
        return "Failed \(what)\(tries): \(error.userMessage)"
    }
}

/// Paths as people type them, and the checks a file must pass to be attached.
public enum FilePaths {
    /// `~` and `~/…` under `home`; a relative path from the working folder.
    public static func expand(_ path: String, home: String) -> String {
        if path == "~" { return home }
        if path.hasPrefix("~/") { return (home as NSString).appendingPathComponent(String(path.dropFirst(2))) }
        if path.hasPrefix("/") { return path }
        return (FileManager.default.currentDirectoryPath as NSString).appendingPathComponent(path)
    }

    /// The file's bytes, or a failure saying what is wrong with it.
    static func readForAttaching(_ path: String, as typed: String) throws -> Data {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw AttachmentFailure("No file at \(typed): check the path (Tab completes it).")
        }
        if isFolder.boolValue {
            throw AttachmentFailure("\(typed) is a folder: attach the files in it one at a time.")
        }
        // A pipe or a device would be read forever.
        let attributes = try? FileManager.default.attributesOfItem(
            atPath: URL(fileURLWithPath: path).resolvingSymlinksInPath().path)
        if let type = attributes?[.type] as? FileAttributeType, type != .typeRegular {
            throw AttachmentFailure("\(typed) is not a regular file (a pipe, socket or device): only files can be attached.")
        }
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw AttachmentFailure("kimichat may not read \(typed) (permission denied).")
        }
        let size = (attributes?[.size] as? NSNumber)?.intValue ?? 0
        if size > RequestLimits.fileBytes {
            throw AttachmentFailure("\(typed) is \(ByteCount.text(size)); Kimi takes files up to "
                + "\(ByteCount.text(RequestLimits.fileBytes)).")
        }
        let bytes: Data
        do {
            bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw AttachmentFailure("\(typed) could not be read: \((error as NSError).localizedDescription).")
        }
        if bytes.isEmpty { throw AttachmentFailure("\(typed) is empty: there is nothing to attach.") }
        if bytes.count > RequestLimits.fileBytes {
            throw AttachmentFailure("\(typed) is \(ByteCount.text(bytes.count)); Kimi takes files up to "
                + "\(ByteCount.text(RequestLimits.fileBytes)).")
        }
        return bytes
    }
}
