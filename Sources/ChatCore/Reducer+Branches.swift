import ChatDomain
import Foundation

/// Versions of a conversation: a regenerated reply or an edited question becomes a
/// sibling of the old one, every version is kept, and the keys here flip between them.

/// A question being rewritten with Alt-E: Enter sends it as a new version.
public struct BranchEdit: Sendable, Equatable {
    /// The question edited.
    public var node: Int
    /// The input as it was before Alt-E: Esc brings it back.
    public var draft: InputBuffer
    /// The draft's attachments: the edited question's own wait in the tray meanwhile.
    public var draftTray = AttachmentTray()
}

/// Ctrl-R: asks again for a reply to the last question. The new reply is a sibling of
/// the old one and takes its place on screen; the old one stays a version to flip
/// back to. After a context overflow it sends fewer earlier rounds.
func regenerate(_ state: inout AppState) -> [AppEffect] {
    if state.isStreaming {
        state.statusNote = "A reply is still streaming: press Esc to stop it first."
        return []
    }
    if state.earlier?.waitingReply != nil {
        state.statusNote = "Still reading earlier messages for the last question's history."
        return []
    }
    // Its question is gone with the conversation; a reply saved now would be an orphan.
    if state.conversation.deletedElsewhere {
        state.statusNote = "This conversation was deleted in another window: send a message to start a new one."
        return []
    }
    guard let question = state.messages.last(where: { $0.kind == .user && !$0.text.isEmpty }) else {
        state.statusNote = "Nothing to regenerate yet: send a message first."
        return []
    }
    state.statusNote = nil
    state.scroll = .following
    // Refused before the branch is cut back: nothing may be appended to a node that has
    // other children (ids would no longer grow along the branch).
    if state.settings.hasAPIKey, state.settings.sendingOffReason == nil {
        state.showBranch(endingAt: question.node)
    }
    guard let questionIndex = state.messages.lastIndex(where: { $0.id == question.id }) else { return [] }
    return requestReply(&state, questionAt: questionIndex, roundsAtMost: state.overflowRetryRounds)
}

/// Alt-E: the question to rewrite goes into the input; the draft waits meanwhile.
func beginEdit(_ state: inout AppState) -> [AppEffect] {
    if state.isStreaming {
        state.statusNote = "A reply is still streaming: wait, or press Esc to stop it."
        return []
    }
    let start = focusedMessage(state)?.node ?? state.tree.leaf
    guard let node = state.question(atOrAbove: start), let question = state.shownMessage(node) else {
        state.statusNote = "No message of yours to edit yet."
        return []
    }
    let draft = state.editing?.draft ?? state.input
    let draftTray = state.editing?.draftTray ?? state.tray
    state.editing = BranchEdit(node: node, draft: draft, draftTray: draftTray)
    state.input = InputBuffer(question.text)
    state.putInTray(question.attachments)
    // A send waiting for the draft's files must not send the edit instead.
    state.sendsWhenAttached = false
    state.inputRecall = nil
    state.statusNote = nil
    return []
}

/// Esc while editing: the edit is dropped and the draft comes back.
func cancelEdit(_ state: inout AppState) {
    guard let edit = state.editing else { return }
    state.input = edit.draft
    state.tray = edit.draftTray
    state.editing = nil
    state.statusNote = "Edit cancelled."
}

/// Alt-Left / Alt-Right: shows the older or newer version of the message at the top
/// of the view (while scrolled) or of the last one with versions, and under it the
/// branch written last.
func flipVersion(_ state: inout AppState, by offset: Int) -> [AppEffect] {
    if state.isStreaming {
        state.statusNote = "A reply is still streaming: wait, or press Esc to stop it."
        return []
    }
    let focused = focusedMessage(state)
    var node = focused?.node ?? state.tree.leaf
    while node != TranscriptTree.root, state.tree.siblings(of: node).count < 2 {
        node = state.tree.parent(of: node) ?? TranscriptTree.root
    }
    guard node != TranscriptTree.root, let position = state.tree.position(of: node) else {
        state.statusNote = focused == nil ? "No message here has other versions (Alt-E edits a question, "
            + "Ctrl-R regenerates a reply)." : "This message has no other versions."
        return []
    }
    guard let target = state.tree.sibling(of: node, offset: offset) else {
        state.statusNote = offset < 0 ? "This is the first of \(position.count) versions."
            : "This is the last of \(position.count) versions."
        return []
    }
    if let row = state.tree.row(of: target), state.earlier?.unexplored.contains(row) == true,
       let id = state.conversation.id {
        // A long conversation read in part: that version's follow-ups were not read.
        // The conversation is read whole and opened on the branch through it.
        state.branchLoad = id
        state.statusNote = "Reading that version's branch…"
        return [.openConversation(id, focus: row, words: [])]
    }
    state.showBranch(endingAt: state.tree.newestLeaf(under: target))
    if focused != nil, let shown = state.messages.first(where: { $0.node == target }) {
        state.scroll = .pinned(TranscriptAnchor(messageID: shown.id, line: 0))
    }
    let number = position.number + offset
    state.statusNote = "Version \(number) of \(position.count)"
        + (state.shownMessage(target) == nil ? ": it failed before any text came." : ".")
    return state.selectShownBranch()
}

/// Ctrl-X F: the branch up to the message at the top of the view (all of it while
/// following) becomes a conversation of its own, and opens.
func forkBranch(_ state: inout AppState) -> [AppEffect] {
    if state.isStreaming {
        state.statusNote = "A reply is still streaming: wait, or press Esc to stop it."
        return []
    }
    let end = focusedMessage(state)?.node ?? state.tree.leaf
    let path = Set(state.tree.path(to: end))
    let messages = state.messages.filter { $0.isTurn && path.contains($0.node) && $0.isSentAsHistory }
        .map(\.asStored)
    guard !messages.isEmpty else {
        state.statusNote = "Nothing to fork yet: send a message first."
        return []
    }
    let title = (state.conversation.title ?? ConversationTitle.derived(from: messages[0].text)) + " (fork)"
    state.statusNote = "Forking…"
    return [.forkConversation(ConversationFork(title: title, model: state.conversation.model, messages: messages,
                                               webSearch: state.conversation.webSearch,
                                               settings: state.conversation.settings))]
}

func reduceConversationForked(_ state: inout AppState, _ saved: SavedConversation) -> [AppEffect] {
    let stopped = stopActiveReply(&state)
    state.overlay = nil
    state.replaceTranscript(with: saved)
    state.statusNote = "Forked: “\(saved.summary.title)” is a new conversation."
    return stopped
}

func reduceMessageStored(_ state: inout AppState, conversationKey: Int, localID: Int, row: StoredMessageID,
                         at date: Date) -> [AppEffect] {
    guard state.conversation.key == conversationKey, state.tree.contains(localID) else { return [] }
    state.tree.setRow(row, of: localID)
    // Not an edit: nothing on screen changes, so the layout stays.
    if let index = state.messages.lastIndex(where: { $0.id == localID }) { state.messages[index].createdAt = date }
    return []
}

extension AppState {
    /// The question `node` is, or the one above it (the question a reply answers).
    func question(atOrAbove node: Int) -> Int? {
        var current = node
        while current != TranscriptTree.root {
            if let message = shownMessage(current), message.kind == .user { return current }
            current = tree.parent(of: current) ?? TranscriptTree.root
        }
        return nil
    }

    /// The message of `node` on the branch shown.
    func shownMessage(_ node: Int) -> TranscriptMessage? {
        guard let index = messageIndex(atOrAfter: node), messages[index].id == node else { return nil }
        return messages[index]
    }

    /// How the database knows `node`: by row once loaded or reported, else by this run's id.
    func reference(of node: Int) -> MessageParent {
        tree.row(of: node).map(MessageParent.row) ?? .local(node)
    }

    /// Tells the database which branch is shown, so that it reopens there.
    func selectShownBranch() -> [AppEffect] {
        guard tree.leaf != TranscriptTree.root else { return [] }
        return [.selectBranch(conversation, leaf: reference(of: tree.leaf))]
    }
}

extension TranscriptMessage {
    /// The message as the database keeps it: for a fork.
    var asStored: StoredMessage {
        var stored = StoredMessage(role: kind == .user ? .user : .assistant, text: text, reasoning: reasoning,
                                   status: status == .streaming ? .interrupted : status, model: model, usage: usage,
                                   finishReason: finishReason, createdAt: createdAt)
        stored.attachments = attachments
        stored.searches = searches
        stored.thinkingMilliseconds = thinkingMilliseconds
        return stored
    }
}
