import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
@testable import MockMoonshot
import Testing

/// The mock's Files API (moonshot-api.md §5.4, §9.3): what the client's attachments
/// will talk to. Multipart taken apart byte for byte; upload, metadata, extracted
/// content, delete; a bad purpose, an empty file, an unknown id.
@Suite("Mock server: the Files API")
struct MockFilesTests {
    static let boundary = "kimichat-boundary-42"

    /// A form with a purpose field and a file whose bytes include CR LF and the boundary's start.
    static func form(purpose: String?, filename: String, bytes: [UInt8]) -> [UInt8] {
        var body: [UInt8] = []
        if let purpose {
            body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\n\(purpose)\r\n".utf8)
        }
        body += Array(("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(filename)\"\r\n"
            + "Content-Type: application/octet-stream\r\n\r\n").utf8)
        body += bytes
        body += Array("\r\n--\(boundary)--\r\n".utf8)
        return body
    }

    static let pdf = Array("%PDF-1.4\n\u{1}\u{2}BT (Quarterly revenue grew) Tj ET\r\n--kimichat\u{0}\u{0}(ok)".utf8)

    @Test func aFormIsTakenApartByteForByte() throws {
        let body = Self.form(purpose: "file-extract", filename: "report.pdf", bytes: Self.pdf)
        let form = try #require(MultipartForm(body: body, boundary: Self.boundary))
        #expect(form.parts.map(\.name) == ["purpose", "file"])
        #expect(form.part(named: "purpose")?.body == Array("file-extract".utf8))
        #expect(form.part(named: "file")?.filename == "report.pdf")
        #expect(form.part(named: "file")?.body == Self.pdf)
        #expect(MultipartForm.boundary(fromContentType: "multipart/form-data; boundary=\"\(Self.boundary)\"")
            == Self.boundary)
        #expect(MultipartForm.boundary(fromContentType: "application/json") == nil)
        #expect(MultipartForm(body: Array("not a form".utf8), boundary: Self.boundary) == nil)
        #expect(MultipartForm(body: Array(body.dropLast(30)), boundary: Self.boundary) == nil, "cut short")
    }

    private func request(_ method: String, _ url: String, body: [UInt8]? = nil) async throws -> (Int, [String: Any]) {
        var request = URLRequest(url: try #require(URL(string: url)))
        request.httpMethod = method
        request.setValue("Bearer sk-test", forHTTPHeaderField: "Authorization")
        if let body {
            request.httpBody = Data(body)
            request.setValue("multipart/form-data; boundary=\(Self.boundary)", forHTTPHeaderField: "Content-Type")
        }
        let (data, response) = try await URLSession.shared.data(for: request)
        let json = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, json)
    }

    @Test func uploadReadTheExtractedTextAndDelete() async throws {
        let server = try await MockMoonshotServer.start()
        defer { Task { try? await server.shutdown() } }
        let files = server.baseURL + "/files"
        let (status, uploaded) = try await request("POST", files,
                                                   body: Self.form(purpose: "file-extract", filename: "report.pdf",
                                                                   bytes: Self.pdf))
        #expect(status == 200)
        #expect(uploaded["object"] as? String == "file")
        #expect(uploaded["bytes"] as? Int == Self.pdf.count)
        #expect(uploaded["filename"] as? String == "report.pdf")
        #expect(uploaded["status"] as? String == "ok")
        let id = try #require(uploaded["id"] as? String)

        let (_, metadata) = try await request("GET", files + "/" + id)
        #expect(metadata["purpose"] as? String == "file-extract")
        let (_, content) = try await request("GET", files + "/" + id + "/content")
        let text = try #require(content["content"] as? String)
        #expect(text.contains("Quarterly revenue grew"))
        #expect(content["file_type"] as? String == "application/pdf")
        let (_, again) = try await request("GET", files + "/" + id + "/content")
        #expect(again["content"] as? String == text, "the same file gives the same text")

        let (deleted, answer) = try await request("DELETE", files + "/" + id)
        #expect(deleted == 200)
        #expect(answer["deleted"] as? Bool == true)
        #expect(try await request("GET", files + "/" + id + "/content").0 == 404)
        #expect(try await request("DELETE", files + "/" + id).0 == 404)
    }

    @Test func badUploadsAreRefusedAsTheAPIRefusesThem() async throws {
        let server = try await MockMoonshotServer.start()
        defer { Task { try? await server.shutdown() } }
        let files = server.baseURL + "/files"
        let (wrongPurpose, error) = try await request("POST", files,
                                                      body: Self.form(purpose: "homework", filename: "a.txt",
                                                                      bytes: Array("hi".utf8)))
        #expect(wrongPurpose == 400)
        #expect((error["error"] as? [String: Any])?["message"] as? String
            == "Invalid purpose homework: expected one of batch, file-extract, image, video")
        #expect(try await request("POST", files, body: Self.form(purpose: nil, filename: "a.txt",
                                                                 bytes: Array("hi".utf8))).0 == 400)
        #expect(try await request("POST", files, body: Self.form(purpose: "file-extract", filename: "empty.txt",
                                                                 bytes: [])).0 == 400)
        #expect(try await request("POST", files, body: Array("{}".utf8)).0 == 400, "not multipart")
        // A text file's extracted text is the text itself.
        let (_, uploaded) = try await request("POST", files, body: Self.form(purpose: "file-extract",
                                                                             filename: "notes.md",
                                                                             bytes: Array("# 笔记\nline two".utf8)))
        let id = try #require(uploaded["id"] as? String)
        #expect(try await request("GET", files + "/" + id + "/content").1["content"] as? String == "# 笔记\nline two")
    }
}
