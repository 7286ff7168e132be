import AsyncHTTPClient
import ChatDomain
import Foundation
import NIOCore
import NIOHTTP1

/// A file the Files API holds.
public struct UploadedFile: Sendable, Equatable {
    public var id: String
    public var filename: String
    public var bytes: Int
}

/// The Files API (moonshot-api.md §5.4, §9.3): upload for extraction, read the text
/// extracted, delete the upload.
extension ChatService {
    /// POST /files, multipart: the file's bytes with `purpose`.
    public func uploadFile(named filename: String, contents: [UInt8], contentType: String = "application/octet-stream",
                           purpose: String = "file-extract") async throws -> UploadedFile {
        var form = MultipartBody()
        form.addField("purpose", purpose)
        form.addFile("file", filename: filename, contentType: contentType, contents: contents)
        var request = authorizedRequest("/files", method: .POST)
        request.headers.add(name: "Content-Type", value: form.contentType)
        request.body = .bytes(ByteBuffer(bytes: form.finished))
        // Time to send the file too: a slow uplink takes its time with 100 MB.
        let seconds = configuration.connectTimeout + 60 + Int64(contents.count / (256 * 1024))
        let body = try await exchange(request, what: "POST /files", timeout: seconds)
        guard let object = Self.jsonObject(body), let id = object["id"] as? String, !id.isEmpty else {
            throw ChatError.malformedStream("the Files API answered an upload without a file id")
        }
        return UploadedFile(id: id, filename: object["filename"] as? String ?? filename,
                            bytes: object["bytes"] as? Int ?? contents.count)
    }

    /// GET /files/{id}/content: the text Moonshot extracted. Read leniently: the
    /// documented shape is a JSON object whose `content` holds the text; anything else
    /// that is not JSON is taken as the text itself.
    public func extractedText(ofFile id: String) async throws -> String {
        let body = try await exchange(authorizedRequest("/files/\(id)/content", method: .GET),
                                      what: "GET /files/{id}/content", timeout: configuration.connectTimeout + 60)
        if let object = Self.jsonObject(body) {
            guard let text = object["content"] as? String else {
                throw ChatError.malformedStream("the Files API answered without the extracted text")
            }
            return text
        }
        return body
    }

    /// DELETE /files/{id}.
    public func deleteFile(_ id: String) async throws {
        _ = try await exchange(authorizedRequest("/files/\(id)", method: .DELETE), what: "DELETE /files/{id}",
                               timeout: configuration.connectTimeout + 20)
    }

    private static func jsonObject(_ body: String) -> [String: Any]? {
        (try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: Any]
    }
}
