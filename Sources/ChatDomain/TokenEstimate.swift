/// A token count good enough to decide what history fits, erring high: a low guess
/// fails the request (the window overflows), a high one only leaves out a little more
/// history. It counts one token per Chinese (or other wide) character and one per
/// three characters of other text, plus a few tokens of framing per message; tokenizers
/// usually do better, and `calibration` (see `calibrated(…)`) brings the count to what
/// the API reports for the requests actually sent.
public struct TokenEstimate: Sendable, Equatable {
    public static let perMessage = 4
    public var calibration: Double

    public init(calibration: Double = 1.0) {
        self.calibration = calibration
    }

    /// Tokens of `text`, before calibration.
    public static func raw(_ text: String) -> Double {
        var text = text
        let (scalars, wide) = text.withUTF8(countScalars)
        return Double(wide) + Double(scalars - wide) / 3.0
    }

    /// The scalars of UTF-8 `bytes`, and how many of them are U+2E80 or above (wide): a
    /// scalar starts at each byte that is not 10xxxxxx; a wide one at E2 followed by BA
    /// or more, or at a lead byte of E3 or more. Every send estimates its whole history,
    /// so eight bytes are counted at a time, with bit arithmetic rather than a branch a byte.
    static func countScalars(_ bytes: UnsafeBufferPointer<UInt8>) -> (scalars: Int, wide: Int) {
        let high: UInt64 = 0x8080_8080_8080_8080
        /// 0x80 in each byte of `word` that is zero, nothing elsewhere.
        func zeroBytes(_ word: UInt64) -> UInt64 {
            let low: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
            return ~(((word & low) &+ low) | word | low)
        }
        func isWideAfterE2(_ next: Int) -> Bool { next < bytes.count && bytes[next] >= 0xBA }
        var scalars = 0
        var wide = 0
        var index = 0
        if let base = bytes.baseAddress {
            let raw = UnsafeRawPointer(base)
            while index + 8 <= bytes.count {
                let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                let top = word & high
                if top == 0 {
                    scalars += 8
                } else {
                    let bit6 = (word << 1) & high
                    scalars += 8 - (top & ~bit6).nonzeroBitCount
                    // E0 and above: three- and four-byte leads. E0 and E1 lead scalars
                    // below U+2000; E2 is wide only before BA or more.
                    let leads = top & bit6 & (word << 2) & high
                    if leads != 0 {
                        var e2 = zeroBytes(word ^ 0xE2E2_E2E2_E2E2_E2E2)
                        wide += leads.nonzeroBitCount - zeroBytes(word ^ 0xE0E0_E0E0_E0E0_E0E0).nonzeroBitCount
                            - zeroBytes(word ^ 0xE1E1_E1E1_E1E1_E1E1).nonzeroBitCount - e2.nonzeroBitCount
                        while e2 != 0 {
                            if isWideAfterE2(index + e2.trailingZeroBitCount / 8 + 1) { wide += 1 }
                            e2 &= e2 - 1
                        }
                    }
                }
                index += 8
            }
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte & 0xC0 != 0x80 { scalars += 1 }
            if byte >= 0xE3 || (byte == 0xE2 && isWideAfterE2(index + 1)) { wide += 1 }
            index += 1
        }
        return (scalars, wide)
    }

    /// Tokens of one turn as sent (content, reasoning sent back, framing), before calibration.
    public static func raw(_ turn: ChatTurn) -> Double {
        raw(turn.content) + (turn.reasoning.map(raw) ?? 0) + Double(perMessage)
            + turn.images.reduce(0) { $0 + image($1.image) }
            + turn.toolCalls.reduce(0) { $0 + raw($1.arguments) + raw($1.name) }
    }

    /// An image's tokens: one per 28×28 pixels (14-pixel patches merged two by two, as
    /// vision encoders of Kimi's kind do), at least 256; a thousand when the size is unknown.
    public static func image(_ image: AttachedImage) -> Double {
        guard let size = image.pixelSize else { return 1_024 }
        let patches = ((size.width + 27) / 28) * ((size.height + 27) / 28)
        return Double(max(256, patches))
    }

    public func tokens(_ turns: some Sequence<ChatTurn>) -> Int {
        Int((turns.reduce(0) { $0 + Self.raw($1) } * calibration).rounded(.up))
    }

    /// The estimate adjusted after the API counted `actual` prompt tokens for turns we
    /// estimated at `estimatedRaw` (uncalibrated): a moving average, bounded, so one odd
    /// reply cannot swing it far. It only ever raises the count: where the API counts
    /// fewer tokens than the raw estimate, the raw estimate stands (erring high).
    public func calibrated(estimatedRaw: Double, actual: Int) -> TokenEstimate {
        guard estimatedRaw >= 16, actual > 0 else { return self }
        let observed = min(4.0, max(1.0, Double(actual) / estimatedRaw))
        return TokenEstimate(calibration: max(1.0, calibration * 0.6 + observed * 0.4))
    }
}
