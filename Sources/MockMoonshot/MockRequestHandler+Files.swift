import Foundation
import NIOCore
import NIOHTTP1

/// The Files API: upload (multipart), metadata, extracted content, delete.
extension MockRequestHandler {
    func files(_ head: HTTPRequestHead, path: String, body: ByteBuffer, context: ChannelHandlerContext) {
        // Logged without the upload's bytes: a request log of 100 MB files helps nobody.
        state.record(RecordedRequest(method: "\(head.method)", path: path, authorization: authorization(head),
                                     body: "", httpVersion: head.version.major))
        if let failure = authenticationFailure(head) { return sendError(failure, context: context) }
        let id = path.hasPrefix("/v1/files/") ? String(path.dropFirst("/v1/files/".count)) : ""
        switch (head.method, id) {
        case (.POST, ""):
            switch state.nextUploadFailure() {
            case let .http(failure): return sendError(failure, context: context)
            case .dropConnection: return context.close(promise: nil)
            case nil: upload(head, body: body, context: context)
            }
        case (.GET, _) where id.hasSuffix("/content"):
            if let failure = state.nextExtractionFailure() { return sendError(failure, context: context) }
            guard let file = state.file(String(id.dropLast("/content".count))) else { return notFound(id, context) }
            send(status: .ok, json: MockFiles.contentJSON(file), context: context)
        case (.GET, _) where !id.isEmpty:
            guard let file = state.file(id) else { return notFound(id, context) }
            send(status: .ok, json: MockFiles.metadataJSON(file), context: context)
        case (.DELETE, _) where !id.isEmpty:
            guard state.deleteFile(id) else { return notFound(id, context) }
            send(status: .ok, json: "{\"id\":\(JSONText.quoted(id)),\"object\":\"file\",\"deleted\":true}",
                 context: context)
        default:
            sendError(.init(status: 404, type: "resource_not_found_error", message: "No route for \(head.method) \(path)"),
                      context: context)
        }
    }

    private func upload(_ head: HTTPRequestHead, body: ByteBuffer, context: ChannelHandlerContext) {
        let invalid = { (message: String) in
            self.sendError(.init(status: 400, type: "invalid_request_error", message: message), context: context)
        }
        guard let boundary = head.headers.first(name: "Content-Type").flatMap(MultipartForm.boundary),
              let form = MultipartForm(body: Array(buffer: body), boundary: boundary) else {
            return invalid("Invalid request: the body is not multipart/form-data")
        }
        let purpose = form.part(named: "purpose").map { String(decoding: $0.body, as: UTF8.self) } ?? ""
        guard MockFiles.purposes.contains(purpose) else {
            return invalid("Invalid purpose \(purpose.isEmpty ? "(none)" : purpose): expected one of "
                + MockFiles.purposes.sorted().joined(separator: ", "))
        }
        guard let file = form.part(named: "file") else { return invalid("Invalid request: no file part") }
        guard file.body.count <= MockFiles.maxBytes else {
            return invalid("File size is too large, max file size is 100MB, please confirm and re-upload the file")
        }
        guard !file.body.isEmpty else { return invalid("The file is empty") }
        let stored = state.store(filename: file.filename ?? "upload", purpose: purpose, bytes: file.body)
        send(status: .ok, json: MockFiles.metadataJSON(stored), context: context)
    }

    private func notFound(_ id: String, _ context: ChannelHandlerContext) {
        sendError(.init(status: 404, type: "resource_not_found_error", message: "File \(id) not found"),
                  context: context)
    }
}
