import ChatDomain

/// The newest part of a transcript a request's history could take at all. Every older
/// message would cost more than the model's whole window even at the least a message
/// can cost (the estimate of its text alone, plus framing: a turn as sent adds its
/// reasoning, files and searches), so planning starts there instead of converting every
/// message read — a long conversation's thousands, on the main thread, at each send.
enum HistoryReach {
    static func suffix(_ messages: ArraySlice<TranscriptMessage>, contextLength: Int, calibration: Double)
        -> (messages: ArraySlice<TranscriptMessage>, leftOutTurns: Int) {
        let tokenLimit = Double(contextLength) / max(1, calibration)
        let byteLimit = RequestLimits.bodyBytes * 9 / 10
        var tokens = 0.0
        var bytes = 0
        var index = messages.endIndex
        while index > messages.startIndex {
            let message = messages[index - 1]
            if message.kind == .user || message.kind == .assistant {
                tokens += TokenEstimate.raw(message.text) + Double(TokenEstimate.perMessage)
                bytes += message.text.utf8.count + 64
                if tokens > tokenLimit || bytes > byteLimit { break }
            }
            index -= 1
        }
        guard index > messages.startIndex else { return (messages, 0) }
        // From the first question after the cut: a round goes whole or not at all, and
        // the round cut through cannot fit.
        var start = index
        while start < messages.endIndex, messages[start].kind != .user { start += 1 }
        let leftOut = messages[messages.startIndex..<start].reduce(0) {
            $0 + ($1.kind == .user || $1.kind == .assistant ? 1 : 0)
        }
        return (messages[start...], leftOut)
    }
}
