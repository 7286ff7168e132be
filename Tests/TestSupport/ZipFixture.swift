import CZlib
import Foundation

/// Writes small zip files for tests (the importer reads ChatGPT's zipped export):
/// entries stored as they are or deflated with zlib, with a central directory, as
/// `zip` would write them. No tool needed.
public enum ZipFixture {
    public struct Entry {
        public var name: String
        public var data: Data
        public var deflated: Bool

        public init(name: String, data: Data, deflated: Bool = true) {
            self.name = name
            self.data = data
            self.deflated = deflated
        }
    }

    public static func write(_ entries: [Entry], to url: URL) throws {
        var file = Data()
        var directory = Data()
        for entry in entries {
            let name = Data(entry.name.utf8)
            let stored = entry.deflated ? try deflate(entry.data) : entry.data
            let crc = entry.data.withUnsafeBytes { UInt32(crc32(0, $0.bindMemory(to: Bytef.self).baseAddress, uInt($0.count))) }
            let method: UInt16 = entry.deflated ? 8 : 0
            let offset = UInt32(file.count)
            file.append(le32(0x0403_4B50) + le16(20) + le16(0) + le16(method) + le16(0) + le16(0))
            file.append(le32(crc) + le32(UInt32(stored.count)) + le32(UInt32(entry.data.count)))
            file.append(le16(UInt16(name.count)) + le16(0) + name + stored)
            directory.append(le32(0x0201_4B50) + le16(20) + le16(20) + le16(0) + le16(method) + le16(0) + le16(0))
            directory.append(le32(crc) + le32(UInt32(stored.count)) + le32(UInt32(entry.data.count)))
            directory.append(le16(UInt16(name.count)) + le16(0) + le16(0) + le16(0) + le16(0) + le32(0) + le32(offset))
            directory.append(name)
        }
        let directoryOffset = UInt32(file.count)
        file.append(directory)
        file.append(le32(0x0605_4B50) + le16(0) + le16(0) + le16(UInt16(entries.count)) + le16(UInt16(entries.count)))
        file.append(le32(UInt32(directory.count)) + le32(directoryOffset) + le16(0))
        try file.write(to: url)
    }

    /// Raw deflate (no zlib header), as zip stores it.
    public static func deflate(_ data: Data) throws -> Data {
        var stream = z_stream()
        guard kc_deflate_init_raw(&stream, 6) == Z_OK else { throw TestSupportError.timedOut("deflateInit failed") }
        defer { deflateEnd(&stream) }
        var input = [UInt8](data)
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(input.count))) + 64)
        let status = input.withUnsafeMutableBufferPointer { input in
            output.withUnsafeMutableBufferPointer { output in
                stream.next_in = input.baseAddress
                stream.avail_in = uInt(input.count)
                stream.next_out = output.baseAddress
                stream.avail_out = uInt(output.count)
                return CZlib.deflate(&stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END else { throw TestSupportError.timedOut("deflate did not finish") }
        return Data(output[0..<Int(stream.total_out)])
    }

    private static func le16(_ value: UInt16) -> Data { Data([UInt8(value & 0xFF), UInt8(value >> 8)]) }
    private static func le32(_ value: UInt32) -> Data { le16(UInt16(value & 0xFFFF)) + le16(UInt16(value >> 16)) }
}
