import ChatDomain
import ScreenKit
import TextLayout

/// Which code block Alt-C copied, so that pressing it again takes the next one.
public struct CodeBlockCopy: Sendable, Equatable {
    public var messageID: Int
    public var index: Int
}

/// Alt-Y: the message being read goes to the system clipboard. While the view is
/// scrolled that is the message at its top (Alt-Up/Alt-Down move there); while it
/// follows the output, the last reply.
func copyMessage(_ state: inout AppState) -> [AppEffect] {
    if let focused = focusedMessage(state), !focused.text.isEmpty {
        let name = focused.kind == .user ? "your message" : "the message at the top"
        return copy(focused.text, named: name, into: &state)
    }
    guard let reply = lastReply(state, where: { !$0.text.isEmpty }) else {
        state.statusNote = "No reply to copy yet."
        return []
    }
    return copy(reply.text, named: "the last reply", into: &state)
}

/// Alt-C: a fenced code block of the message being read (or of the last reply that
/// has one). Each further press takes the next block, and the first after the last.
func copyCodeBlock(_ state: inout AppState) -> [AppEffect] {
    let candidates = [focusedMessage(state), lastReply(state, where: { $0.text.contains("```") || $0.text.contains("~~~") })]
    for case let message? in candidates {
        let blocks = codeBlocks(in: message.text)
        guard !blocks.isEmpty else { continue }
        var index = 0
        if let previous = state.codeBlockCopy, previous.messageID == message.id {
            index = (previous.index + 1) % blocks.count
        }
        state.codeBlockCopy = CodeBlockCopy(messageID: message.id, index: index)
        let block = blocks[index]
        let language = block.language.isEmpty ? "" : "\(TerminalSafeText.sanitizeLine(block.language)), "
        let lineCount = block.lines.count == 1 ? "1 line" : "\(block.lines.count) lines"
        let effects = copy(block.lines.joined(separator: "\n"), named: "code block \(index + 1) of \(blocks.count)",
                           detail: language + lineCount, into: &state)
        if blocks.count > 1, let note = state.statusNote { state.statusNote = note + " Alt-C again for the next." }
        return effects
    }
    state.statusNote = "No code block to copy."
    return []
}

private func copy(_ text: String, named name: String, detail: String? = nil,
                  into state: inout AppState) -> [AppEffect] {
    let isComplete = text.utf8.count <= ClipboardSequence.capacity
    // "Sent": OSC 52 has no answer, so whether the terminal took it cannot be known.
    state.statusNote = isComplete ? "Sent \(name) (\(detail ?? "\(text.count) characters")) to the terminal's clipboard."
        : "Sent the start of \(name): the whole is too long for the terminal's clipboard."
    return [.copyToClipboard(text)]
}

/// The copy could not reach the clipboard (tmux holds it back): say how to let it through.
func clipboardUnavailable(_ state: inout AppState, _ reason: String) {
    state.statusNote = reason
}

/// The message at the top of the view while it is scrolled away from the bottom.
func focusedMessage(_ state: AppState) -> TranscriptMessage? {
    guard case let .pinned(anchor) = state.scroll,
          let index = state.messageIndex(atOrAfter: anchor.messageID) else { return nil }
    return state.messages[index]
}

private func lastReply(_ state: AppState, where matches: (TranscriptMessage) -> Bool) -> TranscriptMessage? {
    state.messages.last { $0.kind == .assistant && matches($0) }
}

private func codeBlocks(in text: String) -> [(language: String, lines: [String])] {
    MarkdownBlocks.parse(text).compactMap { block in
        if case let .code(language, lines, _) = block { return (language, lines) }
        return nil
    }
}
