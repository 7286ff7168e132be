/// Up on the input's first line shows the previous message sent in this conversation;
/// Down on its last line the next one, and past the newest the text that was being
/// typed before.
public struct InputRecall: Sendable, Equatable {
    /// Index into the conversation's user messages.
    public var index: Int
    /// What the input held before recalling began.
    public var draft: String
}

func recallEarlierInput(_ state: inout AppState) {
    let sent = sentMessages(state)
    guard !sent.isEmpty else { return }
    var recall = state.inputRecall ?? InputRecall(index: sent.count, draft: state.input.text)
    guard recall.index > 0 else { return }
    recall.index -= 1
    state.inputRecall = recall
    state.input = InputBuffer(sent[recall.index])
}

func recallLaterInput(_ state: inout AppState) {
    guard var recall = state.inputRecall else { return }
    let sent = sentMessages(state)
    recall.index += 1
    if recall.index >= sent.count {
        state.input = InputBuffer(recall.draft)
        state.inputRecall = nil
    } else {
        state.inputRecall = recall
        state.input = InputBuffer(sent[recall.index])
    }
}

private func sentMessages(_ state: AppState) -> [String] {
    state.messages.filter { $0.kind == .user }.map(\.text)
}
