import Foundation

/// A file that goes with a question: a document's text or an image. Saved with the
/// question, so later turns, regenerated replies, branches and `ask --continue` send it
/// again without reading or uploading the file again.
public struct Attachment: Sendable, Equatable, Codable {
    /// The file's name, without its folder.
    public var name: String
    /// The file's size as read.
    public var byteCount: Int
    public var content: AttachmentContent

    public init(name: String, byteCount: Int, content: AttachmentContent) {
        self.name = name
        self.byteCount = byteCount
        self.content = content
    }

    public var isImage: Bool {
        if case .image = content { return true }
        return false
    }

    /// The document's text, for a document.
    public var documentText: String? {
        if case let .document(document) = content { return document.text }
        return nil
    }

    /// What the chip above the input and the transcript call it: `report.pdf · 2.1 MB`,
    /// `cat.png · 1024×768`.
    public var label: String {
        switch content {
        case let .image(image):
            if let size = image.pixelSize { return "\(name) · \(size.width)×\(size.height)" }
            return "\(name) · \(ByteCount.text(byteCount))"
        case let .document(document):
            let how = document.source == .inline ? " · inline" : ""
            return "\(name) · \(ByteCount.text(byteCount))\(how)"
        }
    }
}

public enum AttachmentContent: Sendable, Equatable, Codable {
    case document(AttachedDocument)
    case image(AttachedImage)
}

/// A document's text, sent as a system message before the question (moonshot-api.md §9.3).
public struct AttachedDocument: Sendable, Equatable, Codable {
    public enum Source: String, Sendable, Equatable, Codable {
        /// Uploaded with `purpose=file-extract` and read back from `/v1/files/{id}/content`.
        case extracted
        /// A small UTF-8 file, sent as it is without an upload.
        case inline
    }

    public var text: String
    public var source: Source

    public init(text: String, source: Source) {
        self.text = text
        self.source = source
    }
}

/// An image for a model that takes images, sent as a base64 data URL in an `image_url`
/// part of the question's content (moonshot-api.md §9.4).
public struct AttachedImage: Sendable, Equatable, Codable {
    /// Images up to this size are kept in the database; larger ones by path and hash, so
    /// one photo cannot swell the database (and every copy of it) by more than years of
    /// chat do. Screenshots and phone photos are well under it.
    public static let storedBytesLimit = 10 * 1024 * 1024

    /// `image/png`, `image/jpeg`, `image/webp` or `image/gif`.
    public var mediaType: String
    public var pixelSize: PixelSize?
    public var storage: ImageStorage

    public init(mediaType: String, pixelSize: PixelSize?, storage: ImageStorage) {
        self.mediaType = mediaType
        self.pixelSize = pixelSize
        self.storage = storage
    }

    /// How the image is kept for a file of `bytes` read from `path`.
    public static func storage(for bytes: Data, path: String) -> ImageStorage {
        bytes.count <= storedBytesLimit ? .bytes(bytes) : .file(path: path, sha256: SHA256.hex(of: bytes))
    }
}

public struct PixelSize: Sendable, Equatable, Codable {
    public var width: Int
    public var height: Int

    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }
}

public enum ImageStorage: Sendable, Equatable, Codable {
    case bytes(Data)
    /// Read again when sent; left out, with a word, if the file changed or went away.
    case file(path: String, sha256: String)
}

/// Byte counts as people read them: `812 B`, `14 KB`, `2.1 MB`.
public enum ByteCount {
    public static func text(_ bytes: Int) -> String {
        if bytes < 1024 { return "\(bytes) B" }
        let kilobytes = Double(bytes) / 1024
        if kilobytes < 1024 { return kilobytes < 10 ? String(format: "%.1f KB", kilobytes) : "\(Int(kilobytes.rounded())) KB" }
        let megabytes = kilobytes / 1024
        return megabytes < 10 ? String(format: "%.1f MB", megabytes) : "\(Int(megabytes.rounded())) MB"
    }
}
