import CLibcWidth
import Testing
import TextLayout

/// The generated width table is this platform's `wcwidth`, which ncurses and the
/// terminal measure with: a mismatch means the columns we lay out drift from the ones
/// curses draws. When glibc changes its Unicode data, rerun `scripts/make-width-table`.
@Suite("Width table")
struct WidthTableTests {
    @Test("every scalar measures as libc's wcwidth under C.UTF-8")
    func tableIsThePlatformsWcwidth() throws {
        let count = 0x11_0000
        var libc = [Int32](repeating: 0, count: count)
        let status = libc.withUnsafeMutableBufferPointer { kc_libc_widths_c_utf8($0.baseAddress, UInt32(count)) }
        try #require(status == 0, "the C.UTF-8 locale is missing on this machine")
        var checked = 0
        var mismatches = 0
        var examples: [String] = []
        for value in 0..<UInt32(count) {
            guard let scalar = Unicode.Scalar(value) else { continue }  // surrogates are not scalars
            checked += 1
            let ours = DisplayWidth.of(scalar)
            let theirs = Int(libc[Int(value)])
            guard ours != theirs else { continue }
            mismatches += 1
            if examples.count < 10 {
                examples.append("U+\(String(value, radix: 16, uppercase: true)) \(ours), libc \(theirs)")
            }
        }
        #expect(checked == count - 0x800)
        #expect(mismatches == 0, """
            code points measured unlike wcwidth (rerun scripts/make-width-table): \
            \(examples.joined(separator: "; "))
            """)
    }
}
