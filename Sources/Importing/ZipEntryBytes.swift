import CZlib

/// One entry of a zip file, read a piece at a time: stored entries as they are,
/// deflated ones through zlib's raw inflate, so memory holds a piece, not the entry.
struct ZipEntryBytes: ByteSource {
    let archive: ZipArchive
    let entry: ZipArchive.Entry
    var totalBytes: Int64? { entry.uncompressedSize }
    static let pieceSize = 1 << 20

    init(archive: ZipArchive, entry: ZipArchive.Entry) throws(ImportError) {
        let path = archive.file.path
        if entry.flags & 1 != 0 {
            throw .damagedZip(path: path, reason: "\(entry.name) is encrypted; unzip it with its password and "
                + "import the file itself")
        }
        guard entry.method == 0 || entry.method == 8 else {
            throw .damagedZip(path: path, reason: "\(entry.name) is compressed in a way kimichat does not read "
                + "(method \(entry.method)); unzip it and import the file itself")
        }
        self.archive = archive
        self.entry = entry
    }

    func forEachPiece(_ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        let (start, count) = try archive.storedBytes(of: entry)
        // One buffer for what is read from the file, reused for every piece.
        let input = UnsafeMutableRawBufferPointer.allocate(byteCount: Self.pieceSize, alignment: 16)
        defer { input.deallocate() }
        var done: Int64 = 0
        func nextPiece() throws -> UnsafeMutableRawBufferPointer {
            let wanted = Int(min(Int64(Self.pieceSize), count - done))
            let got = try archive.file.read(at: start + done, into: UnsafeMutableRawBufferPointer(rebasing: input[0..<wanted]))
            if got == 0 { throw ImportError.damagedZip(path: archive.file.path, reason: "it is cut short") }
            done += Int64(got)
            return UnsafeMutableRawBufferPointer(rebasing: input[0..<got])
        }
        if entry.method == 0 {
            while done < count { try body(UnsafeRawBufferPointer(try nextPiece())) }
            return
        }
        try inflate(count: count, done: { done }, nextPiece: nextPiece, body)
    }

    private func inflate(count: Int64, done: () -> Int64, nextPiece: () throws -> UnsafeMutableRawBufferPointer,
                         _ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        let path = archive.file.path
        var stream = z_stream()
        guard kc_inflate_init_raw(&stream) == Z_OK else {
            throw ImportError.damagedZip(path: path, reason: "zlib could not start")
        }
        defer { inflateEnd(&stream) }
        let output = UnsafeMutablePointer<UInt8>.allocate(capacity: Self.pieceSize)
        defer { output.deallocate() }
        var ended = false
        while !ended {
            guard done() < count else {
                throw ImportError.damagedZip(path: path, reason: "\(entry.name) ends before its compressed data does")
            }
            let input = try nextPiece()
            stream.next_in = input.baseAddress?.assumingMemoryBound(to: UInt8.self)
            stream.avail_in = UInt32(input.count)
            // Drain everything this input gives before reading more.
            repeat {
                stream.next_out = output
                stream.avail_out = UInt32(Self.pieceSize)
                let status = CZlib.inflate(&stream, Z_NO_FLUSH)
                guard status == Z_OK || status == Z_STREAM_END || status == Z_BUF_ERROR else {
                    throw ImportError.damagedZip(path: path, reason: "\(entry.name) does not inflate (its data is damaged)")
                }
                let produced = Self.pieceSize - Int(stream.avail_out)
                if produced > 0 { try body(UnsafeRawBufferPointer(start: output, count: produced)) }
                if status == Z_STREAM_END { ended = true; break }
                if status == Z_BUF_ERROR && produced == 0 { break }
            } while stream.avail_in > 0 || stream.avail_out == 0
        }
    }
}
