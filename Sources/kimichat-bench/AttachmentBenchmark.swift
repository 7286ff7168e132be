import ChatDomain
import ChatService
import Foundation
import Logging
import MockMoonshot

/// Issue 16: what attaching costs, against the in-process mock over loopback HTTP/1.1 —
/// a 10 MB PDF read, uploaded for extraction, its text read back and the upload deleted
/// (`AttachmentPreparer`, as Alt-A and `ask --file` run it); and a question carrying a
/// 5 MB image: the size of the request body and the time until the reply is done.
struct AttachmentBenchmark {
    let quick: Bool
    let runs: Int

    func run() async throws {
        let server = try await MockMoonshotServer.start()
        // The service logs each request; the bench prints only its figures.
        let service = ChatService(configuration: ChatServiceConfiguration(baseURL: server.baseURL, apiKey: "sk-bench"),
                                  logger: Logger(label: "bench", factory: { _ in SwiftLogNoOpLogHandler() }))
        let folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("kimichat-attach-bench-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }

        let pdfBytes = quick ? 1 << 20 : 10 << 20
        let pdf = folder.appendingPathComponent("report.pdf")
        try Self.pdf(bytes: pdfBytes).write(to: pdf)
        let preparer = AttachmentPreparer(service: service, home: folder.path)
        var attaching: [Double] = []
        var extracted = 0
        for _ in 0..<runs {
            let start = ContinuousClock.now
            let attachment = try await preparer.prepareAttachment(path: pdf.path) { _ in }.get()
            attaching.append(Self.milliseconds(ContinuousClock.now - start))
            extracted = attachment.documentText?.utf8.count ?? 0
        }
        print(String(format: "attach a %.0f MB PDF (upload, extract, delete): median %.0f ms, p95 %.0f ms; "
                     + "%d bytes of text extracted; files left on the mock: %d",
                     Double(pdfBytes) / 1_048_576, Measurement.percentile(attaching, 0.5),
                     Measurement.percentile(attaching, 0.95), extracted, server.fileCount))

        let imageBytes = quick ? 1 << 20 : 5 << 20
        var image = Data(count: imageBytes)
        image.withUnsafeMutableBytes { buffer in
            for index in buffer.indices { buffer[index] = UInt8(truncatingIfNeeded: index &* 2_654_435_761 >> 13) }
        }
        var question = ChatTurn(role: .user, content: "What is in this picture?")
        question.images = [TurnImage(name: "photo.png", image: AttachedImage(
            mediaType: "image/png", pixelSize: PixelSize(width: 3000, height: 2000), storage: .bytes(image)))]
        let request = ChatRequest(model: "kimi-k2.6", turns: [question])
        var sending: [Double] = []
        for _ in 0..<runs {
            let start = ContinuousClock.now
            try await service.streamReply(to: request) { _ in }
            sending.append(Self.milliseconds(ContinuousClock.now - start))
        }
        let body = server.requests.last { $0.path == "/v1/chat/completions" }?.body.utf8.count ?? 0
        print(String(format: "a question with a %.0f MB image: request body %.2f MB (%.3f× the image), "
                     + "sent and answered in median %.0f ms, p95 %.0f ms",
                     Double(imageBytes) / 1_048_576, Double(body) / 1_048_576, Double(body) / Double(imageBytes),
                     Measurement.percentile(sending, 0.5), Measurement.percentile(sending, 0.95)))
        await service.shutdown()
        try await server.shutdown()
    }

    /// A PDF-like file of `bytes`: binary, with runs of text the mock's extraction finds.
    static func pdf(bytes: Int) -> Data {
        var data = Data("%PDF-1.7\n%\u{E2}\u{E3}\u{CF}\u{D3}\n".utf8)
        var line = 0
        while data.count < bytes {
            line += 1
            data.append(Data("BT (Quarterly revenue line \(line) grew by \(line % 17) percent) Tj ET\n".utf8))
            data.append(contentsOf: [0, 0xFF, 0x10, 0x80])
        }
        return data.prefix(bytes)
    }

    static func milliseconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) * 1_000 + Double(duration.components.attoseconds) / 1e15
    }
}
