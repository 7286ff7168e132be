/// Cuts the elements out of a JSON array of objects that arrives in pieces, without
/// parsing them: it follows strings (and their escapes) and the nesting of brackets,
/// and hands over each top-level object's bytes as soon as its closing brace arrives.
/// So a 600 MB `conversations.json` is decoded one conversation at a time, and memory
/// holds one conversation, not the file.
struct JSONArrayScanner {
    enum Failure: Error, Equatable {
        /// The first thing in the input is not `[`; `found` is that byte (nil: only blanks).
        case notAnArray(found: UInt8?)
        /// Something other than an object where the next element should start.
        case notAnObject(offset: Int64)
        /// Bytes after the array's closing bracket.
        case trailing(offset: Int64)
        /// The input ended before the array did; `insideElement`: in the middle of one.
        case truncated(insideElement: Bool)
    }

    private enum State { case beforeArray, between, inElement, finished }

    private var state = State.beforeArray
    private var nesting = JSONNesting()
    /// The element so far, when it started in an earlier piece.
    private var element: [UInt8] = []
    /// Bytes fed so far.
    private(set) var offset: Int64 = 0
    private(set) var elementCount = 0

    /// Feeds the next piece; `handle` gets each element completed in it, with the offset
    /// just after it. Errors `handle` throws pass through.
    mutating func feed(_ bytes: UnsafeRawBufferPointer,
                       _ handle: (_ element: UnsafeRawBufferPointer, _ endOffset: Int64) throws -> Void) throws {
        let count = bytes.count
        var index = 0
        while index < count {
            switch state {
            case .inElement:
                let start = index
                var closed = false
                while index < count {
                    let byte = bytes[index]
                    index += 1
                    if nesting.closes(with: byte) { closed = true; break }
                }
                let piece = UnsafeRawBufferPointer(rebasing: bytes[start..<index])
                guard closed else { element.append(contentsOf: piece); continue }
                elementCount += 1
                state = .between
                let end = offset + Int64(index)
                if element.isEmpty {
                    try handle(piece, end)
                } else {
                    element.append(contentsOf: piece)
                    defer { element.removeAll(keepingCapacity: element.count < 1 << 24) }
                    try element.withUnsafeBytes { try handle($0, end) }
                }
            case .between:
                let byte = bytes[index]
                if Self.isBlank(byte) || byte == 0x2C {
                    index += 1
                } else if byte == 0x7B {
                    state = .inElement // the brace is counted there
                    nesting = JSONNesting()
                } else if byte == 0x5D {
                    state = .finished
                    index += 1
                } else {
                    throw Failure.notAnObject(offset: offset + Int64(index))
                }
            case .beforeArray:
                let byte = bytes[index]
                // Blanks and a UTF-8 byte order mark may come first.
                if Self.isBlank(byte) || (offset + Int64(index) < 3 && (byte == 0xEF || byte == 0xBB || byte == 0xBF)) {
                    index += 1
                } else if byte == 0x5B {
                    state = .between
                    index += 1
                } else {
                    throw Failure.notAnArray(found: byte)
                }
            case .finished:
                guard Self.isBlank(bytes[index]) else { throw Failure.trailing(offset: offset + Int64(index)) }
                index += 1
            }
        }
        offset += Int64(count)
    }

    /// Called when the input has ended: throws unless the array was closed.
    func finish() throws(Failure) {
        switch state {
        case .finished: return
        case .beforeArray: throw .notAnArray(found: nil)
        case .between: throw .truncated(insideElement: false)
        case .inElement: throw .truncated(insideElement: true)
        }
    }

    private static func isBlank(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }
}
