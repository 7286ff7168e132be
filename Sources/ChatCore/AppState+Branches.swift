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
        let stored = Self.parentsFirst(saved.tree)
        let onBranch = Set(saved.tree.currentPath.compactMap(\.id))
        var nodes: [StoredMessageID: Int] = [:]
        nodes.reserveCapacity(stored.count)
        messages.reserveCapacity(messages.count + onBranch.count)
        var leaf = TranscriptTree.root
        for message in stored {
            guard let row = message.id else { continue }
            let node = takeMessageID()
            nodes[row] = node
            tree.add(node, under: message.parentID.flatMap { nodes[$0] } ?? TranscriptTree.root, row: row)
            var entries: [TranscriptMessage] = []
            if let shown = TranscriptMessage(loaded: message, id: node) { entries.append(shown) }
            if let failure = message.errorMessage {
                var error = TranscriptMessage(id: takeMessageID(), kind: .error, text: failure)
                error.node = node
                entries.append(error)
            }
            if onBranch.contains(row) {
                messages += entries
                leaf = node
            } else {
                // Their versions are counted when they are shown: more may come below.
                tree.stash(entries)
            }
        }
        tree.setLeaf(leaf)
        // Versions are known once every message is in.
        for index in messages.indices where messages[index].isTurn {
            messages[index].branch = tree.position(of: messages[index].id)
        }
    }

    /// The saved messages in an order where each comes after its parent: id order, as
    /// a rule; a parent with a higher id (an import that numbered otherwise) is moved up.
    static func parentsFirst(_ tree: MessageTree) -> [StoredMessage] {
        let all = tree.allMessages
        var placed = Set<StoredMessageID>()
        placed.reserveCapacity(all.count)
        var ordered: [StoredMessage] = []
        ordered.reserveCapacity(all.count)
        for message in all {
            guard let id = message.id, !placed.contains(id) else { continue }
            // The chain of ancestors not placed yet, placed oldest first.
            var chain = [message]
            var next = message.parentID
            while let parent = next, !placed.contains(parent), let above = tree.messages[parent],
                  chain.count <= all.count {
                chain.append(above)
                next = above.parentID
            }
            for link in chain.reversed() where placed.insert(link.id ?? 0).inserted {
                ordered.append(link)
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
        guard parent != TranscriptTree.root else { return .root }
        return tree.row(of: parent).map(MessageParent.row) ?? .local(parent)
    }
}
