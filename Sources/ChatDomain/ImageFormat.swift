import Foundation

/// The image formats Kimi's vision models take (moonshot-api.md §9.4), told apart by
/// their first bytes rather than a file's name, with their size in pixels read from
/// the header.
public enum ImageFormat: String, Sendable, CaseIterable {
    case png, jpeg, webp, gif

    public var mediaType: String { "image/\(rawValue)" }

    /// The format of `bytes`, if it is one of the four.
    public static func sniff(_ bytes: Data) -> ImageFormat? {
        let head = [UInt8](bytes.prefix(12))
        if head.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if head.starts(with: [0xFF, 0xD8, 0xFF]) { return .jpeg }
        if head.starts(with: Array("GIF8".utf8)) { return .gif }
        if head.count >= 12, head.starts(with: Array("RIFF".utf8)), Array(head[8..<12]) == Array("WEBP".utf8) {
            return .webp
        }
        return nil
    }

    /// Whether a file name says image, for files whose bytes are not one of the four
    /// (a `.bmp`, a `.heic`): they get "unsupported image" rather than "unsupported file".
    public static func looksLikeImage(named name: String) -> Bool {
        let suffix = name.split(separator: ".").last.map { $0.lowercased() } ?? ""
        return ["png", "jpg", "jpeg", "webp", "gif", "bmp", "tif", "tiff", "heic", "heif", "avif", "svg", "ico"]
            .contains(suffix)
    }

    /// The width and height the header gives, or nil when it cannot be read.
    public func pixelSize(of data: Data) -> PixelSize? {
        let bytes = [UInt8](data.prefix(256 * 1024))
        switch self {
        case .png:
            guard bytes.count >= 24 else { return nil }
            return size(Self.bigEndian32(bytes, 16), Self.bigEndian32(bytes, 20))
        case .gif:
            guard bytes.count >= 10 else { return nil }
            return size(Int(bytes[6]) | Int(bytes[7]) << 8, Int(bytes[8]) | Int(bytes[9]) << 8)
        case .webp:
            return Self.webpSize(bytes)
        case .jpeg:
            return Self.jpegSize(bytes)
        }
    }

    private func size(_ width: Int, _ height: Int) -> PixelSize? {
        width > 0 && height > 0 ? PixelSize(width: width, height: height) : nil
    }

    private static func bigEndian32(_ bytes: [UInt8], _ at: Int) -> Int {
        Int(bytes[at]) << 24 | Int(bytes[at + 1]) << 16 | Int(bytes[at + 2]) << 8 | Int(bytes[at + 3])
    }

    private static func bigEndian16(_ bytes: [UInt8], _ at: Int) -> Int {
        Int(bytes[at]) << 8 | Int(bytes[at + 1])
    }

    private static func littleEndian(_ bytes: [UInt8], _ at: Int, count: Int) -> Int {
        (0..<count).reduce(0) { $0 | Int(bytes[at + $1]) << (8 * $1) }
    }

    /// The first start-of-frame marker's size: markers are walked by their lengths.
    private static func jpegSize(_ bytes: [UInt8]) -> PixelSize? {
        var at = 2
        while at + 9 < bytes.count {
            guard bytes[at] == 0xFF else { return nil }
            let marker = bytes[at + 1]
            if marker == 0xFF { at += 1; continue }
            if marker == 0xD8 || marker == 0x01 || (0xD0...0xD7).contains(marker) { at += 2; continue }
            let length = bigEndian16(bytes, at + 2)
            // SOF0–SOF15, except DHT (C4), JPG (C8) and DAC (CC).
            if (0xC0...0xCF).contains(marker), ![0xC4, 0xC8, 0xCC].contains(marker) {
                let height = bigEndian16(bytes, at + 5)
                let width = bigEndian16(bytes, at + 7)
                return width > 0 && height > 0 ? PixelSize(width: width, height: height) : nil
            }
            guard length >= 2 else { return nil }
            at += 2 + length
        }
        return nil
    }

    private static func webpSize(_ bytes: [UInt8]) -> PixelSize? {
        guard bytes.count >= 30 else { return nil }
        let chunk = String(decoding: bytes[12..<16], as: UTF8.self)
        switch chunk {
        case "VP8X":
            let width = littleEndian(bytes, 24, count: 3) + 1
            let height = littleEndian(bytes, 27, count: 3) + 1
            return PixelSize(width: width, height: height)
        case "VP8L":
            let bits = littleEndian(bytes, 21, count: 4)
            return PixelSize(width: (bits & 0x3FFF) + 1, height: ((bits >> 14) & 0x3FFF) + 1)
        case "VP8 ":
            let width = littleEndian(bytes, 26, count: 2) & 0x3FFF
            let height = littleEndian(bytes, 28, count: 2) & 0x3FFF
            return width > 0 && height > 0 ? PixelSize(width: width, height: height) : nil
        default:
            return nil
        }
    }
}
