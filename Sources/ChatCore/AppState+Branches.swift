import ChatDomain

/// The transcript as one branch of the conversation's tree: which branch shows, and
/// the tree read from a saved conversation.
extension AppState {
    /// Shows the branch from the first question down to `newLeaf`: the entries of the
    /// nodes leaving the screen wait in the tree, those of the nodes coming in are taken
    /// back. The branch's first nodes, shared by both, stay as they are.
    mutating func showBranch(endingAt newLeaf: Int) {
        let old = tree.shownPath
        let new = tree.path(to: newLeaf)
        var shared = 0
        while shared < old.count, shared < new.count, old[shared] == new[shared] { shared += 1 }
        if shared < old.count {
            let leaving = Set(old[shared...])
            var cut = messages.count
            while cut > 0, leaving.contains(messages[cut - 1].node) { cut -= 1 }
            tree.stash(messages[cut...])
            messages.removeSubrange(cut...)
        }
        for node in new[shared...] {
            var entries = tree.takeStashed(node)
            // Versions may have been added since it was shown.
            if let index = entries.firstIndex(where: { $0.id == node }), entries[index].branch != tree.position(of: node) {
                let position = tree.position(of: node)
                entries[index].edit { $0.branch = position }
            }
            messages += entries
        }
        tree.setLeaf(newLeaf)
    }

    /// Fills the tree and the transcript from a saved conversation: every message of
    /// every branch gets a transcript id, parents before children, and the current
    /// branch is shown. One pass: in an order where parents come first, the messages of
    /// the current branch come in branch order, so they go straight to the transcript.
    mutating func loadTree(of saved: SavedConversation) {
        let order = Self.parentsFirst(saved.tree)
        let onBranch = Set(saved.tree.currentPathIDs)
        var nodes: [StoredMessageID: Int] = [:]
        nodes.reserveCapacity(order.count)
        messages.reserveCapacity(messages.count + onBranch.count)
        var leaf = TranscriptTree.root
        for row in order {
            guard let message = saved.tree.messages[row] else { continue }
            let node = takeMessageID()
            nodes[row] = node
            tree.add(node, under: message.parentID.flatMap { nodes[$0] } ?? TranscriptTree.root, row: row)
            let shown = TranscriptMessage(loaded: message, id: node)
            let error = message.errorMessage.map { failure in
                var error = TranscriptMessage(id: takeMessageID(), kind: .error, text: failure)
                error.node = node
                return error
            }
            if onBranch.contains(row) {
                if let shown { messages.append(shown) }
                if let error { messages.append(error) }
                leaf = node
            } else {
                // Their versions are counted when they are shown: more may come below.
                if let shown { tree.stash(shown) }
                if let error { tree.stash(error) }
            }
        }
        tree.setLeaf(leaf)
        // Versions are known once every message is in.
        for index in messages.indices where messages[index].isTurn {
            messages[index].branch = tree.position(of: messages[index].id)
        }
    }

    /// The saved messages' ids in an order where each comes after its parent: id order,
    /// as a rule (a parent is older); a parent with a higher id (an import that numbered
    /// otherwise) is moved up, with its own ancestors.
    static func parentsFirst(_ tree: MessageTree) -> [StoredMessageID] {
        let ids = tree.orderedIDs
        var ordered: [StoredMessageID] = []
        ordered.reserveCapacity(ids.count)
        // Ids below the one reached are placed already; these are the higher ones placed early.
        var placedEarly = Set<StoredMessageID>()
        for id in ids where !placedEarly.contains(id) {
            var chain = [id]
            var next = tree.messages[id]?.parentID
            while let parent = next, parent > id, !placedEarly.contains(parent), chain.count <= ids.count,
                  let above = tree.messages[parent] {
                chain.append(parent)
                next = above.parentID
            }
            for link in chain.reversed() {
                ordered.append(link)
                if link != id { placedEarly.insert(link) }
            }
        }
        return ordered
    }

    /// Where a message's save goes in the database's tree. A new version (an edit, a
    /// regenerated reply) goes under its parent's row, known from loading or (for a
    /// parent saved in this run) to the runtime. Any other message continues the branch
    /// as the database has it (nil): after turns another window added meanwhile, which
    /// the request then carries.
    func placement(of node: Int) -> MessageParent? {
        guard tree.siblings(of: node).count > 1, let parent = tree.parent(of: node) else { return nil }
        // The top of a window hangs under a parent not read yet.
        guard parent != TranscriptTree.root else { return earlier?.parentOfOldest.map(MessageParent.row) ?? .root }
        return tree.row(of: parent).map(MessageParent.row) ?? .local(parent)
    }
}
