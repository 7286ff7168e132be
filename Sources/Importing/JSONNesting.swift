/// Where a byte-by-byte pass over a JSON value stands: how deep in brackets, and
/// whether inside a string (just after a backslash in it). The array scanner, which
/// meets a conversation in pieces, and the cursor, which skips values it does not
/// need, both follow a value to its end with it.
struct JSONNesting {
    private var depth = 0
    private var inString = false
    private var escaped = false

    /// Takes the next byte; true when it closes the bracket the value opened with.
    @inline(__always)
    mutating func closes(with byte: UInt8) -> Bool {
        if inString {
            if escaped { escaped = false } else if byte == 0x5C { escaped = true } else if byte == 0x22 { inString = false }
        } else if byte == 0x22 {
            inString = true
        } else if byte == 0x7B || byte == 0x5B {
            depth += 1
        } else if byte == 0x7D || byte == 0x5D {
            depth -= 1
            return depth == 0
        }
        return false
    }
}
