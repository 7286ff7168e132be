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

    /// `earlier` holds the conversation so far (user and assistant turns, oldest first),
    /// `question` the new message.
    public static func choose(system: ChatTurn?, earlier: [ChatTurn], question: ChatTurn, model: ModelInfo,
                              policy: HistoryPolicy, estimate: TokenEstimate) -> HistoryWindow {
        var rounds = Self.rounds(earlier).map(Self.newestAnswer)
        var omitted = 0
        if case let .keepRounds(count) = policy, rounds.count > max(0, count) {
            let dropped = rounds.prefix(rounds.count - max(0, count))
            omitted += dropped.reduce(0) { $0 + $1.count }
            rounds.removeFirst(dropped.count)
        }
        let available = Double(model.contextLength - model.replyBudget) / estimate.calibration
        var fixed = TokenEstimate.raw(question) + (system.map(TokenEstimate.raw) ?? 0)
        // Newest rounds first, while they fit.
        var kept: [[ChatTurn]] = []
        for round in rounds.reversed() {
            let cost = round.reduce(0) { $0 + TokenEstimate.raw($1) }
            if fixed + cost > available { break }
            fixed += cost
            kept.append(round)
        }
        kept.reverse()
        omitted += rounds.dropLast(kept.count).reduce(0) { $0 + $1.count }
        var turns = system.map { [$0] } ?? []
        turns += kept.flatMap { $0 }
        turns.append(question)
        return HistoryWindow(turns: turns, omitted: omitted, estimatedRaw: fixed)
    }

    /// A question answered more than once (Ctrl-R) goes with its newest answer only:
    /// two assistant turns in a row would tell the model it said both.
    static func newestAnswer(_ round: [ChatTurn]) -> [ChatTurn] {
        var kept: [ChatTurn] = []
        for turn in round {
            if turn.role == .assistant, kept.last?.role == .assistant { kept.removeLast() }
            kept.append(turn)
        }
        return kept
    }

    /// Turns grouped into rounds: each starts at a user turn.
    static func rounds(_ turns: [ChatTurn]) -> [[ChatTurn]] {
        var rounds: [[ChatTurn]] = []
        for turn in turns {
            if turn.role == .user || rounds.isEmpty { rounds.append([turn]) } else { rounds[rounds.count - 1].append(turn) }
        }
        return rounds
    }
}
