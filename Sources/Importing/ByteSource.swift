import Foundation

/// Bytes read a piece at a time: a plain file, or a zip entry inflated as it is read.
protocol ByteSource: Sendable {
    /// The bytes the whole source will give, when known (for progress).
    var totalBytes: Int64? { get }
    /// Hands each piece to `body` until the source ends.
    func forEachPiece(_ body: (UnsafeRawBufferPointer) throws -> Void) throws
}

/// A file read with `read(2)` in 1 MiB pieces.
struct FileBytes: ByteSource {
    let path: String
    let totalBytes: Int64?
    static let pieceSize = 1 << 20

    init(path: String) {
        self.path = path
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size]) as? NSNumber
        totalBytes = size?.int64Value
    }

    func forEachPiece(_ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        let file = try OpenFile(path: path)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: Self.pieceSize, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let count = read(file.descriptor, buffer.baseAddress, buffer.count)
            if count < 0 {
                if errno == EINTR { continue }
                throw ImportError.unreadable(path: path, reason: String(cString: strerror(errno)))
            }
            if count == 0 { return }
            try body(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
        }
    }
}

/// A file descriptor open for reading, closed when the value goes.
final class OpenFile: Sendable {
    let descriptor: Int32
    let path: String

    init(path: String) throws(ImportError) {
        self.path = path
        descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            if errno == ENOENT { throw .missing(path: path) }
            throw .unreadable(path: path, reason: String(cString: strerror(errno)))
        }
    }

    deinit { close(descriptor) }

    /// Exactly `count` bytes at `offset`, or fewer at the end of the file.
    func read(at offset: Int64, count: Int) throws(ImportError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let got = bytes.withUnsafeMutableBytes { buffer in
                pread(descriptor, buffer.baseAddress! + done, count - done, off_t(offset) + off_t(done))
            }
            if got < 0, errno == EINTR { continue }
            if got < 0 { throw .unreadable(path: path, reason: String(cString: strerror(errno))) }
            if got == 0 { break }
            done += got
        }
        return done == count ? bytes : Array(bytes[0..<done])
    }

    /// Fills `buffer` from `offset` (fewer bytes at the end of the file); how many were read.
    func read(at offset: Int64, into buffer: UnsafeMutableRawBufferPointer) throws(ImportError) -> Int {
        var done = 0
        while done < buffer.count {
            let got = pread(descriptor, buffer.baseAddress! + done, buffer.count - done, off_t(offset) + off_t(done))
            if got < 0, errno == EINTR { continue }
            if got < 0 { throw .unreadable(path: path, reason: String(cString: strerror(errno))) }
            if got == 0 { break }
            done += got
        }
        return done
    }

    var size: Int64 {
        var status = stat()
        return fstat(descriptor, &status) == 0 ? Int64(status.st_size) : 0
    }
}
