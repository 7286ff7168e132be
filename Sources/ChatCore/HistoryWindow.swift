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
        var rounds = Self.rounds(earlier).map(Self.newestAnswer)
        var omitted = 0
        if case let .keepRounds(count) = policy, rounds.count > max(0, count) {
            let dropped = rounds.prefix(rounds.count - max(0, count))
            omitted += dropped.reduce(0) { $0 + $1.count }
            rounds.removeFirst(dropped.count)
        }
        let available = Double(model.contextLength - model.replyBudget) / estimate.calibration
        var fixed = question.reduce(0) { $0 + TokenEstimate.raw($1) } + (system.map(TokenEstimate.raw) ?? 0)
        // Images are few tokens but many bytes: the body has a limit of its own.
        var bytes = (question + (system.map { [$0] } ?? [])).reduce(0) { $0 + Self.bodyBytes($1) }
        // Newest rounds first, while they fit.
        var kept: [[ChatTurn]] = []
        for round in rounds.reversed() {
            let cost = round.reduce(0) { $0 + TokenEstimate.raw($1) }
            let roundBytes = round.reduce(0) { $0 + Self.bodyBytes($1) }
            if fixed + cost > available || bytes + roundBytes > RequestLimits.bodyBytes * 9 / 10 { break }
            fixed += cost
            bytes += roundBytes
            kept.append(round)
        }
        kept.reverse()
        omitted += rounds.dropLast(kept.count).reduce(0) { $0 + $1.count }
        var turns = system.map { [$0] } ?? []
        turns += kept.flatMap { $0 }
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
    /// two assistant turns in a row would tell the model it said both.
    static func newestAnswer(_ round: [ChatTurn]) -> [ChatTurn] {
        var kept: [ChatTurn] = []
        for turn in round {
            if turn.role == .assistant, kept.last?.role == .assistant { kept.removeLast() }
            kept.append(turn)
        }
        return kept
    }

    /// Turns grouped into rounds: each starts at a user turn, or at the documents (system
    /// turns) that go before it.
    static func rounds(_ turns: [ChatTurn]) -> [[ChatTurn]] {
        var rounds: [[ChatTurn]] = []
        for turn in turns {
            let opening = rounds.last.map { round in round.allSatisfy { $0.role == .system } } ?? false
            let startsRound = switch turn.role {
            case .user: !opening
            case .system: !opening
            case .assistant, .tool: false
            }
            if startsRound || rounds.isEmpty { rounds.append([turn]) } else { rounds[rounds.count - 1].append(turn) }
        }
        return rounds
    }
}
