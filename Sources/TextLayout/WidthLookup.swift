/// The generated width ranges unpacked for a lookup in constant time, the way glibc
/// stores `wcwidth` itself: for each block of 256 code points the number of its
/// pattern of widths. Most blocks have one width throughout and share the four
/// uniform patterns; the ~150 others get their own (about 40 KB in all). A binary
/// search over the ranges took about 1.5x libc's time per non-ASCII code point; this
/// takes less than libc's.
struct WidthLookup: Sendable {
    private static let blockBits = 8
    private static let blockSize = 1 << blockBits
    private static let uniformWidths: [Int8] = [-1, 0, 1, 2]
    private let patternOfBlock: [UInt16]
    private let patterns: [Int8]

    init(_ ranges: [WidthRange]) {
        var patternOfBlock: [UInt16] = []
        patternOfBlock.reserveCapacity((0x10FFFF >> Self.blockBits) + 1)
        var patterns: [Int8] = Self.uniformWidths.flatMap { [Int8](repeating: $0, count: Self.blockSize) }
        var next = 0
        for blockStart in stride(from: 0, through: 0x10FFFF, by: Self.blockSize) {
            let blockEnd = blockStart + Self.blockSize
            while next < ranges.count && Int(ranges[next].last) < blockStart { next += 1 }
            let touching = next < ranges.count && Int(ranges[next].first) < blockEnd
            if !touching {
                patternOfBlock.append(Self.uniformPattern(1))
            } else if Int(ranges[next].first) <= blockStart && Int(ranges[next].last) >= blockEnd - 1 {
                patternOfBlock.append(Self.uniformPattern(ranges[next].width))
            } else {
                patternOfBlock.append(UInt16(patterns.count >> Self.blockBits))
                patterns += Self.mixedPattern(ranges, from: next, block: blockStart..<blockEnd)
            }
        }
        self.patternOfBlock = patternOfBlock
        self.patterns = patterns
    }

    private static func uniformPattern(_ width: Int8) -> UInt16 {
        UInt16(uniformWidths.firstIndex(of: width) ?? 2)
    }

    /// The widths of a block that several ranges (or a range and ones) share.
    private static func mixedPattern(_ ranges: [WidthRange], from first: Int, block: Range<Int>) -> [Int8] {
        var pattern = [Int8](repeating: 1, count: blockSize)
        var index = first
        while index < ranges.count && Int(ranges[index].first) < block.upperBound {
            let range = ranges[index]
            let low = max(Int(range.first), block.lowerBound) - block.lowerBound
            let high = min(Int(range.last) + 1, block.upperBound) - block.lowerBound
            pattern.withUnsafeMutableBufferPointer { $0[low..<high].update(repeating: range.width) }
            index += 1
        }
        return pattern
    }

    /// Columns of a code point (at most 0x10FFFF): 0, 1, 2, or -1 when not printable.
    @inline(__always)
    func width(of value: UInt32) -> Int {
        let pattern = Int(patternOfBlock[Int(value &>> UInt32(Self.blockBits))])
        return Int(patterns[pattern &<< Self.blockBits | Int(value & UInt32(Self.blockSize - 1))])
    }
}
