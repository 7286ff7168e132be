import Foundation

/// Small real files for attaching: images whose headers give their size, a document
/// the Files API extracts, in a folder of their own.
public enum SampleFiles {
    /// A PNG of `width` × `height`: the signature, a real IHDR and an IEND (enough for
    /// every header reader; no pixels are decoded anywhere).
    public static func png(width: Int, height: Int, padding: Int = 0) -> Data {
        var bytes: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13] + Array("IHDR".utf8)
        for value in [width, height] { bytes += [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: value >> $0) } }
        bytes += [8, 6, 0, 0, 0, 0x5C, 0x72, 0xA8, 0x66]
        // Filler bytes in a private chunk, for images of a given size.
        if padding > 0 {
            bytes += [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: padding >> $0) } + Array("prVt".utf8)
            bytes += [UInt8](repeating: 0x5A, count: padding) + [0, 0, 0, 0]
        }
        bytes += [0, 0, 0, 0] + Array("IEND".utf8) + [0xAE, 0x42, 0x60, 0x82]
        return Data(bytes)
    }

    /// Bytes that read as a PDF to the Files API (binary, `.pdf`) with `text` in it.
    public static func pdf(text: String) -> Data {
        Data("%PDF-1.7\n%\u{E2}\u{E3}\n1 0 obj << >> stream\nBT (\(text)) Tj ET\nendstream\n\u{0}%%EOF\n".utf8)
    }

    /// A new empty folder for a test's files.
    public static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("kimichat-files-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
