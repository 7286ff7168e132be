/// A token count good enough to decide what history fits: Kimi's tokenizer spends
/// about one token per Chinese character or less, and one per four characters of
/// English; each message costs a few tokens of framing. `calibration` scales it to
/// what the API reported for earlier requests (see `calibrated(…)`).
public struct TokenEstimate: Sendable, Equatable {
    public static let perMessage = 4
    public var calibration: Double

    public init(calibration: Double = 1.0) {
        self.calibration = calibration
    }

    /// Tokens of `text`, before calibration.
    public static func raw(_ text: String) -> Double {
        var wide = 0
        var other = 0
        for scalar in text.unicodeScalars {
            if scalar.value >= 0x2E80 { wide += 1 } else { other += 1 }
        }
        return Double(wide) * 0.75 + Double(other) / 4.0
    }

    /// Tokens of one turn as sent (content, reasoning sent back, framing), before calibration.
    public static func raw(_ turn: ChatTurn) -> Double {
        raw(turn.content) + (turn.reasoning.map(raw) ?? 0) + Double(perMessage)
    }

    public func tokens(_ turns: some Sequence<ChatTurn>) -> Int {
        Int((turns.reduce(0) { $0 + Self.raw($1) } * calibration).rounded(.up))
    }

    /// The estimate adjusted after the API counted `actual` prompt tokens for turns we
    /// estimated at `estimatedRaw` (uncalibrated): a moving average, bounded, so one odd
    /// reply cannot swing it far.
    public func calibrated(estimatedRaw: Double, actual: Int) -> TokenEstimate {
        guard estimatedRaw >= 16, actual > 0 else { return self }
        let observed = min(4.0, max(0.25, Double(actual) / estimatedRaw))
        return TokenEstimate(calibration: calibration * 0.6 + observed * 0.4)
    }
}
