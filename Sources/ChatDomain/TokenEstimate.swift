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
        return text.withUTF8 { bytes in
            // Scalars by their first byte: U+2E80 and above start at E2 BA, or a higher
            // lead byte. Every send estimates its whole history, so this is read as bytes.
            var wide = 0
            var other = 0
            var index = 0
            while index < bytes.count {
                let lead = bytes[index]
                if lead < 0x80 {
                    other += 1
                    index += 1
                } else if lead < 0xE0 {
                    other += 1
                    index += 2
                } else if lead < 0xF0 {
                    let second = index + 1 < bytes.count ? bytes[index + 1] : 0
                    if lead > 0xE2 || (lead == 0xE2 && second >= 0xBA) { wide += 1 } else { other += 1 }
                    index += 3
                } else {
                    wide += 1
                    index += 4
                }
            }
            return Double(wide) + Double(other) / 3.0
        }
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
