import ChatDomain

/// Chooses the earlier turns a request carries: the system prompt always, the new
/// question always, and as many of the latest rounds as the policy and the model's
/// context window allow (keeping room for the reply). Whole rounds are left out,
/// oldest first, so a reply never goes without its question.
public struct HistoryWindow: Sendable, Equatable {
    public var turns: [ChatTurn]
    /// Earlier messages left out.
    public var omitted: Int
    /// The estimate for `turns`, before calibration.
    public var estimatedRaw: Double

    /// For a question that is one turn.
    public static func choose(system: ChatTurn?, earlier: [ChatTurn], question: ChatTurn, model: ModelInfo,
                              policy: HistoryPolicy, estimate: TokenEstimate) -> HistoryWindow {
        choose(system: system, earlier: earlier, question: [question], model: model, policy: policy, estimate: estimate)
    }

    /// `earlier` holds the conversation so far (oldest first), `question` the turns always
    /// sent: the new message, the documents before it, the searches after it.
    public static func choose(system: ChatTurn?, earlier: [ChatTurn], question: [ChatTurn], model: ModelInfo,
                              policy: HistoryPolicy, estimate: TokenEstimate) -> HistoryWindow {
        // Rounds as ranges of `earlier`, not arrays of their own: a long conversation's
        // thousands of rounds were as many allocations at every send.
        let rounds = Self.roundRanges(earlier)
        var first = 0
        var omitted = 0
        if case let .keepRounds(count) = policy, rounds.count > max(0, count) {
            first = rounds.count - max(0, count)
            omitted += rounds[..<first].reduce(0) { $0 + sentCount(earlier, $1) }
        }
        let available = Double(model.contextLength - model.replyBudget) / estimate.calibration
        var fixed = question.reduce(0) { $0 + TokenEstimate.raw($1) } + (system.map(TokenEstimate.raw) ?? 0)
        // Images are few tokens but many bytes: the body has a limit of its own.
        var bytes = (question + (system.map { [$0] } ?? [])).reduce(0) { $0 + Self.bodyBytes($1) }
        // Newest rounds first, while they fit.
        var keptFrom = rounds.count
        while keptFrom > first {
            let round = rounds[keptFrom - 1]
            var cost = 0.0
            var roundBytes = 0
            for index in round where isSent(earlier, index, in: round) {
                cost += TokenEstimate.raw(earlier[index])
                roundBytes += Self.bodyBytes(earlier[index])
            }
            if fixed + cost > available || bytes + roundBytes > RequestLimits.bodyBytes * 9 / 10 { break }
            fixed += cost
            bytes += roundBytes
            keptFrom -= 1
        }
        omitted += rounds[first..<keptFrom].reduce(0) { $0 + sentCount(earlier, $1) }
        var turns = system.map { [$0] } ?? []
        for round in rounds[keptFrom...] {
            for index in round where isSent(earlier, index, in: round) { turns.append(earlier[index]) }
        }
        turns += question
        return HistoryWindow(turns: turns, omitted: omitted, estimatedRaw: fixed)
    }

    /// What a turn adds to the request body, about: its text and its images as base64.
    static func bodyBytes(_ turn: ChatTurn) -> Int {
        turn.content.utf8.count + (turn.reasoning?.utf8.count ?? 0) + 64
            + turn.images.reduce(0) { total, image in
                switch image.image.storage {
                case let .bytes(data): total + RequestLimits.bodyBytes(ofImage: data.count)
                // Kept by path: over the stored size, so at least that.
                case .file: total + RequestLimits.bodyBytes(ofImage: AttachedImage.storedBytesLimit)
                }
            }
    }

    /// A question answered more than once (Ctrl-R) goes with its newest answer only:
    /// two assistant turns in a row would tell the model it said both. So an answer
    /// followed by another answer in its round is not sent.
    static func isSent(_ turns: [ChatTurn], _ index: Int, in round: Range<Int>) -> Bool {
        !(turns[index].role == .assistant && index + 1 < round.upperBound && turns[index + 1].role == .assistant)
    }

    private static func sentCount(_ turns: [ChatTurn], _ round: Range<Int>) -> Int {
        round.reduce(0) { $0 + (isSent(turns, $1, in: round) ? 1 : 0) }
    }

    /// Turns grouped into rounds: each starts at a user turn, or at the documents (system
    /// turns) that go before it.
    static func roundRanges(_ turns: [ChatTurn]) -> [Range<Int>] {
        var starts: [Int] = []
        // The round begun holds only documents so far: its question is still to come.
        var opening = false
        for (index, turn) in turns.enumerated() {
            let startsRound = starts.isEmpty || ((turn.role == .user || turn.role == .system) && !opening)
            if startsRound {
                starts.append(index)
                opening = turn.role == .system
            } else if turn.role != .system {
                opening = false
            }
        }
        return starts.indices.map { starts[$0]..<(($0 + 1 < starts.count) ? starts[$0 + 1] : turns.count) }
    }
}
