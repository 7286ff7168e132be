/// The entries of a zip file, read from its central directory (at the end of the file),
/// without reading what they hold. ZIP64 archives (over 4 GiB) are read too.
struct ZipArchive: Sendable {
    struct Entry: Equatable, Sendable {
        var name: String
        /// 0: stored as is; 8: deflated.
        var method: UInt16
        var flags: UInt16
        var compressedSize: Int64
        var uncompressedSize: Int64
        var localHeaderOffset: Int64
    }

    let file: OpenFile
    let entries: [Entry]

    /// Whether `bytes` start as a zip file does.
    static func isZip(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 4 && bytes[0] == 0x50 && bytes[1] == 0x4B && (bytes[2] == 3 || bytes[2] == 5) && (bytes[3] == 4 || bytes[3] == 6)
    }

    init(path: String) throws(ImportError) {
        file = try OpenFile(path: path)
        let size = file.size
        // The end-of-directory record: 22 bytes, plus a comment of up to 65,535.
        let tailStart = max(0, size - 22 - 65_535)
        let tail = try file.read(at: tailStart, count: Int(size - tailStart))
        guard let end = Self.lastIndex(of: 0x0605_4B50, in: tail, from: tail.count - 22) else {
            throw .damagedZip(path: path, reason: "no central directory at its end; it may be cut short")
        }
        var count = Int64(tail.le16(end + 10))
        var directorySize = Int64(tail.le32(end + 12))
        var directoryOffset = Int64(tail.le32(end + 16))
        if count == 0xFFFF || directorySize == 0xFFFF_FFFF || directoryOffset == 0xFFFF_FFFF {
            // ZIP64: a locator just before the record points at the larger record.
            guard end >= 20, tail.le32(end - 20) == 0x0706_4B50 else {
                throw .damagedZip(path: path, reason: "its ZIP64 directory is missing")
            }
            let record = try file.read(at: Int64(tail.le64(end - 20 + 8)), count: 56)
            guard record.count == 56, record.le32(0) == 0x0606_4B50 else {
                throw .damagedZip(path: path, reason: "its ZIP64 directory is damaged")
            }
            count = Int64(record.le64(32))
            directorySize = Int64(record.le64(40))
            directoryOffset = Int64(record.le64(48))
        }
        guard directoryOffset >= 0, directorySize >= 0, directoryOffset + directorySize <= size,
              directorySize < 1 << 31 else {
            throw .damagedZip(path: path, reason: "its central directory lies outside the file")
        }
        let directory = try file.read(at: directoryOffset, count: Int(directorySize))
        var entries: [Entry] = []
        var at = 0
        for _ in 0..<count {
            guard at + 46 <= directory.count, directory.le32(at) == 0x0201_4B50 else {
                throw .damagedZip(path: path, reason: "its central directory is damaged")
            }
            let nameLength = Int(directory.le16(at + 28)), extraLength = Int(directory.le16(at + 30))
            let commentLength = Int(directory.le16(at + 32))
            guard at + 46 + nameLength + extraLength <= directory.count else {
                throw .damagedZip(path: path, reason: "its central directory is damaged")
            }
            var entry = Entry(
                name: String(decoding: directory[(at + 46)..<(at + 46 + nameLength)], as: UTF8.self),
                method: directory.le16(at + 10), flags: directory.le16(at + 8),
                compressedSize: Int64(directory.le32(at + 20)), uncompressedSize: Int64(directory.le32(at + 24)),
                localHeaderOffset: Int64(directory.le32(at + 42)))
            Self.applyZip64(Array(directory[(at + 46 + nameLength)..<(at + 46 + nameLength + extraLength)]), to: &entry)
            entries.append(entry)
            at += 46 + nameLength + extraLength + commentLength
        }
        self.entries = entries
    }

    /// ChatGPT's conversations: `conversations.json` at the top, else the shallowest one.
    var conversations: Entry? {
        entries.filter { $0.name == "conversations.json" || $0.name.hasSuffix("/conversations.json") }
            .min { $0.name.count < $1.name.count }
    }

    /// The entry's bytes as they are stored, read from the file a piece at a time.
    func storedBytes(of entry: Entry) throws(ImportError) -> (start: Int64, count: Int64) {
        let header = try file.read(at: entry.localHeaderOffset, count: 30)
        guard header.count == 30, header.le32(0) == 0x0403_4B50 else {
            throw .damagedZip(path: file.path, reason: "the entry \(entry.name) is not where its directory says")
        }
        let start = entry.localHeaderOffset + 30 + Int64(header.le16(26)) + Int64(header.le16(28))
        guard start + entry.compressedSize <= file.size else { throw .damagedZip(path: file.path, reason: "it is cut short") }
        return (start, entry.compressedSize)
    }

    /// Sizes and offset too large for 32 bits are in the ZIP64 extra field, in this order.
    private static func applyZip64(_ extra: [UInt8], to entry: inout Entry) {
        var at = 0
        while at + 4 <= extra.count {
            let tag = extra.le16(at), length = Int(extra.le16(at + 2))
            guard at + 4 + length <= extra.count else { return }
            if tag == 0x0001 {
                var field = at + 4
                if entry.uncompressedSize == 0xFFFF_FFFF, field + 8 <= at + 4 + length {
                    entry.uncompressedSize = Int64(extra.le64(field)); field += 8
                }
                if entry.compressedSize == 0xFFFF_FFFF, field + 8 <= at + 4 + length {
                    entry.compressedSize = Int64(extra.le64(field)); field += 8
                }
                if entry.localHeaderOffset == 0xFFFF_FFFF, field + 8 <= at + 4 + length {
                    entry.localHeaderOffset = Int64(extra.le64(field))
                }
                return
            }
            at += 4 + length
        }
    }

    private static func lastIndex(of signature: UInt32, in bytes: [UInt8], from start: Int) -> Int? {
        var index = start
        while index >= 0 {
            if bytes.le32(index) == signature { return index }
            index -= 1
        }
        return nil
    }
}

extension Array where Element == UInt8 {
    /// Little-endian integers at `offset` (zip's byte order); 0 past the end.
    func le16(_ offset: Int) -> UInt16 {
        guard offset >= 0, offset + 2 <= count else { return 0 }
        return UInt16(self[offset]) | UInt16(self[offset + 1]) << 8
    }

    func le32(_ offset: Int) -> UInt32 {
        guard offset >= 0, offset + 4 <= count else { return 0 }
        return UInt32(le16(offset)) | UInt32(le16(offset + 2)) << 16
    }

    func le64(_ offset: Int) -> UInt64 {
        guard offset >= 0, offset + 8 <= count else { return 0 }
        return UInt64(le32(offset)) | UInt64(le32(offset + 4)) << 32
    }
}
