import Foundation

/// How a file is attached, decided from its name and bytes.
public enum FileClassification: Sendable, Equatable {
    case image(ImageFormat)
    /// Small UTF-8 text: sent as it is, no upload.
    case inlineText(String)
    /// For the Files API to extract (`purpose=file-extract`).
    case upload
    case unsupported(String)

    /// Text files up to this size go inline: an upload would only give the same text back.
    public static let inlineLimit = 64 * 1024

    /// What the Files API reads besides plain text (moonshot-api.md §9.3).
    static let documentSuffixes: Set<String> = [
        "pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "epub", "md", "markdown", "html", "htm", "txt", "csv",
        "tsv", "json", "xml", "yaml", "yml", "rtf", "odt", "ods", "odp", "tex", "log", "ini", "toml",
    ]

    public static func classify(name: String, bytes: Data) -> FileClassification {
        if let format = ImageFormat.sniff(bytes) { return .image(format) }
        let suffix = name.contains(".") ? (name.split(separator: ".").last.map { $0.lowercased() } ?? "") : ""
        if ImageFormat.looksLikeImage(named: name) {
            return .unsupported("\(name) is not an image Kimi reads: images must be PNG, JPEG, WebP or GIF.")
        }
        let isText = !bytes.contains(0) && String(validating: bytes, as: UTF8.self) != nil
        if isText, bytes.count < inlineLimit, let text = String(validating: bytes, as: UTF8.self) {
            return .inlineText(text)
        }
        if isText || documentSuffixes.contains(suffix) { return .upload }
        let kind = suffix.isEmpty ? "this kind of file" : ".\(suffix) files"
        return .unsupported("\(name) cannot be attached: Kimi's Files API does not read \(kind). It reads PDF, "
            + "Word, Excel, PowerPoint, EPUB, Markdown, HTML, code and text; images must be PNG, JPEG, WebP or GIF.")
    }
}
