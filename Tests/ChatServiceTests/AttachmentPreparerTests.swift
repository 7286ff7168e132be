import ChatDomain
@testable import ChatService
import Foundation
@testable import MockMoonshot
import Testing
import TestSupport

/// A path becomes an attachment against the mock's Files API: text inline, a document
/// uploaded, extracted and deleted, an image sized, and every bad input refused in words.
@Suite("Attaching files")
struct AttachmentPreparerTests {
    /// The preparer against `server`, retrying at once.
    static func preparer(_ service: ChatService?, home: String = "/nonexistent-home") -> AttachmentPreparer {
        AttachmentPreparer(service: service, home: home, retry: RetryPolicy(maxAttempts: 3, baseDelay: 0.01),
                           pause: { _ in })
    }

    static func prepare(_ preparer: AttachmentPreparer, _ path: String) async -> Result<ChatDomain.Attachment, AttachmentFailure> {
        await preparer.prepareAttachment(path: path) { _ in }
    }

    @Test("a PDF is uploaded for extraction, its text kept, and its upload deleted", arguments: [MockTransport.http1, .tlsHTTP2])
    func documentExtracted(transport: MockTransport) async throws {
        let folder = try SampleFiles.folder()
        let path = folder.appendingPathComponent("report.pdf").path
        try SampleFiles.pdf(text: "Revenue grew 12%").write(to: URL(fileURLWithPath: path))
        try await withMockServer(over: transport) { server, service in
            let steps = Steps()
            let result = await Self.preparer(service).prepareAttachment(path: path) { steps.add($0) }
            let attachment = try result.get()
            #expect(attachment.name == "report.pdf")
            #expect(attachment.documentText?.contains("Revenue grew 12%") == true)
            #expect(attachment.content == .document(AttachedDocument(text: attachment.documentText ?? "", source: .extracted)))
            #expect(steps.all == [.uploading, .extracting])
            #expect(server.requests.map { "\($0.method) \($0.path.hasPrefix("/v1/files/") ? "/v1/files/ID" + ($0.path.hasSuffix("/content") ? "/content" : "") : $0.path)" }
                == ["POST /v1/files", "GET /v1/files/ID/content", "DELETE /v1/files/ID"])
            #expect(server.fileCount == 0, "nothing left on the platform")
        }
    }

    @Test("small UTF-8 text goes inline without an upload; an image is sized and kept as bytes")
    func inlineAndImage() async throws {
        let folder = try SampleFiles.folder()
        try Data("# 笔记\nplain notes".utf8).write(to: folder.appendingPathComponent("notes.md"))
        try SampleFiles.png(width: 1024, height: 768).write(to: folder.appendingPathComponent("cat.png"))
        try await withMockServer { server, service in
            let notes = try await Self.prepare(Self.preparer(service), folder.appendingPathComponent("notes.md").path).get()
            #expect(notes.content == .document(AttachedDocument(text: "# 笔记\nplain notes", source: .inline)))
            let cat = try await Self.prepare(Self.preparer(service, home: folder.path), "~/cat.png").get()
            guard case let .image(image) = cat.content else { Issue.record("not an image"); return }
            #expect(image.mediaType == "image/png")
            #expect(image.pixelSize == PixelSize(width: 1024, height: 768))
            #expect(image.storage == .bytes(SampleFiles.png(width: 1024, height: 768)))
            #expect(server.requests.isEmpty, "neither needed the API")
        }
    }

    @Test("an image over the stored size is kept by its path and SHA-256")
    func largeImageByPath() async throws {
        let folder = try SampleFiles.folder()
        let path = folder.appendingPathComponent("poster.png").path
        let bytes = SampleFiles.png(width: 4000, height: 3000, padding: AttachedImage.storedBytesLimit)
        try bytes.write(to: URL(fileURLWithPath: path))
        let attachment = try await Self.prepare(Self.preparer(nil), path).get()
        guard case let .image(image) = attachment.content else { Issue.record("not an image"); return }
        #expect(image.storage == .file(path: path, sha256: SHA256.hex(of: bytes)))
    }

    @Test("bad input is refused in words that say what to do", arguments: [
        ("missing", "No file at"), ("folder", "is a folder"), ("pipe", "not a regular file"), ("empty", "is empty"),
        ("huge", "Kimi takes files up to 100 MB"), ("song.mp3", "does not read .mp3 files"),
        ("photo.bmp", "PNG, JPEG, WebP or GIF"),
    ])
    func badInput(kind: String, message: String) async throws {
        let folder = try SampleFiles.folder()
        let path = folder.appendingPathComponent(kind).path
        switch kind {
        case "folder": try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        case "pipe": #expect(mkfifo(path, 0o600) == 0)
        case "empty": try Data().write(to: URL(fileURLWithPath: path))
        case "huge":
            // Sparse: 101 MB that take no disk.
            #expect(FileManager.default.createFile(atPath: path, contents: nil))
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
            try handle.truncate(atOffset: UInt64(101 << 20))
            try handle.close()
        case "song.mp3": try Data([0x49, 0x44, 0x33, 0x04, 0, 0xFF, 0xFB]).write(to: URL(fileURLWithPath: path))
        case "photo.bmp": try Data([0x42, 0x4D, 0x3A, 0, 0, 0]).write(to: URL(fileURLWithPath: path))
        default: break
        }
        let result = await Self.prepare(Self.preparer(nil), path)
        guard case let .failure(failure) = result else { Issue.record("\(kind) was attached"); return }
        #expect(failure.message.contains(message), "\(failure.message)")
    }

    @Test("an upload that fails or is cut is tried again; the file arrives once")
    func uploadRetried() async throws {
        let folder = try SampleFiles.folder()
        let path = folder.appendingPathComponent("report.pdf").path
        try SampleFiles.pdf(text: "third time lucky").write(to: URL(fileURLWithPath: path))
        try await withMockServer { server, service in
            server.failUploads(.http(MockScenario.errors["503"]!), .dropConnection)
            let attachment = try await Self.prepare(Self.preparer(service), path).get()
            #expect(attachment.documentText?.contains("third time lucky") == true)
            #expect(server.requests.filter { $0.method == "POST" }.count == 3)
            #expect(server.fileCount == 0)
        }
    }

    @Test("an upload refused, an extraction refused, and no key: each says so, and nothing is left behind")
    func refusals() async throws {
        let folder = try SampleFiles.folder()
        let path = folder.appendingPathComponent("report.pdf").path
        try SampleFiles.pdf(text: "x").write(to: URL(fileURLWithPath: path))
        try await withMockServer { server, service in
            server.failUploads(.http(.init(status: 400, type: "invalid_request_error",
                                           message: "File size is too large, max file size is 100MB")))
            let refused = await Self.prepare(Self.preparer(service), path)
            #expect(refused.failureMessage?.contains("refused uploading report.pdf: File size is too large") == true,
                    "\(refused.failureMessage ?? "")")
            #expect(server.requests.count == 1, "a 400 is not tried again")

            server.failExtractions(.init(status: 400, type: "invalid_request_error", message: "failed to parse the file"))
            let unreadable = await Self.prepare(Self.preparer(service), path)
            #expect(unreadable.failureMessage?.contains("refused reading the text of report.pdf: failed to parse") == true,
                    "\(unreadable.failureMessage ?? "")")
            #expect(server.fileCount == 0, "the upload was deleted all the same")
        }
        let noKey = await Self.prepare(Self.preparer(nil), path)
        #expect(noKey.failureMessage?.contains("no API key is set") == true)
    }
}

/// Progress steps, as reported from the preparer's task.
final class Steps: @unchecked Sendable {
    private let lock = NSLock()
    private var steps: [AttachmentProgress] = []
    func add(_ step: AttachmentProgress) { lock.withLock { steps.append(step) } }
    var all: [AttachmentProgress] { lock.withLock { steps } }
}

extension Result where Failure == AttachmentFailure {
    var failureMessage: String? {
        if case let .failure(failure) = self { return failure.message }
        return nil
    }
}
