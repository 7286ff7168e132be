import ChatDomain
@testable import ChatService
import Foundation
@testable import MockMoonshot
import Testing
import TestSupport

/// The client's side of the Files API against the mock over HTTP/1.1 and over TLS
/// with HTTP/2: upload, the extracted text, delete, and each refusal in words.
@Suite("Chat service: the Files API")
struct FileUploadTests {
    static let pdf = Array("%PDF-1.7\n\u{1}BT (Revenue grew 12%) Tj ET\r\n--kimichat-\u{0}(第二页)".utf8)

    @Test("the body the client builds is the form the server reads, byte for byte")
    func multipartRoundTrip() throws {
        var body = MultipartBody(boundary: "b-1")
        body.addField("purpose", "file-extract")
        body.addFile("file", filename: "季度\"报告\".pdf", contentType: "application/pdf", contents: Self.pdf)
        #expect(body.contentType == "multipart/form-data; boundary=b-1")
        let form = try #require(MultipartForm(body: body.finished, boundary: "b-1"))
        #expect(form.part(named: "purpose")?.body == Array("file-extract".utf8))
        #expect(form.part(named: "file")?.body == Self.pdf)
        #expect(form.part(named: "file")?.filename == "季度'报告'.pdf", "a quote cannot end the header")
        #expect(form.part(named: "file")?.contentType == "application/pdf")
    }

    @Test("upload, read the extracted text, delete", arguments: [MockTransport.http1, .tlsHTTP2])
    func uploadExtractDelete(transport: MockTransport) async throws {
        try await withMockServer(over: transport) { server, service in
            let file = try await service.uploadFile(named: "report.pdf", contents: Self.pdf,
                                                    contentType: "application/pdf")
            #expect(file.filename == "report.pdf")
            #expect(file.bytes == Self.pdf.count)
            let text = try await service.extractedText(ofFile: file.id)
            #expect(text.contains("Revenue grew 12%"))
            try await service.deleteFile(file.id)
            #expect(server.requests.map { "\($0.method) \($0.path)" } == [
                "POST /v1/files", "GET /v1/files/\(file.id)/content", "DELETE /v1/files/\(file.id)",
            ])
            await #expect(throws: ChatError.self) { try await service.extractedText(ofFile: file.id) }
        }
    }

    @Test("refusals come back in words: a bad purpose, an empty file, a wrong key, a file not there")
    func refusals() async throws {
        try await withMockServer { _, service in
            do {
                _ = try await service.uploadFile(named: "a.txt", contents: Array("hi".utf8), purpose: "homework")
                Issue.record("a bad purpose was accepted")
            } catch let error as ChatError {
                #expect(error.userMessage.contains("Invalid purpose homework"), "\(error.userMessage)")
            }
            do {
                _ = try await service.uploadFile(named: "empty.txt", contents: [])
                Issue.record("an empty file was accepted")
            } catch let error as ChatError {
                #expect(error.userMessage.contains("The file is empty"), "\(error.userMessage)")
            }
            do {
                _ = try await service.extractedText(ofFile: "mock-file-404")
                Issue.record("a file not there had text")
            } catch let error as ChatError {
                if case let .http(status, _, _) = error { #expect(status == 404) } else { Issue.record("\(error)") }
            }
        }
        try await withMockServer({ $0.apiKey = "sk-wrong" }) { _, service in
            do {
                _ = try await service.uploadFile(named: "a.txt", contents: Array("hi".utf8))
                Issue.record("a wrong key was accepted")
            } catch let error as ChatError {
                #expect(!error.userMessage.contains("sk-wrong"), "the key is never in a message")
                if case let .http(status, _, _) = error { #expect(status == 401) } else { Issue.record("\(error)") }
            }
        }
    }
}
