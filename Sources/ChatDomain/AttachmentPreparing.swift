/// The port that turns a path into an attachment: the file read, an image sized, a
/// document's text read as is or uploaded and extracted by the Files API.
public protocol AttachmentPreparing: Sendable {
    func prepareAttachment(path: String, progress: @escaping @Sendable (AttachmentProgress) -> Void) async
        -> Result<Attachment, AttachmentFailure>
}

/// What a file being attached has reached.
public enum AttachmentProgress: Sendable, Equatable {
    case uploading
    case extracting
}

/// Why a file was not attached, in words for the user: what happened and what to do.
public struct AttachmentFailure: Error, Sendable, Equatable {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }
}
