import ChatDomain

/// A long conversation's transcript read a window at a time: the marker above the
/// window, and earlier pages put in front of it as they are read.
extension AppState {
    /// The earlier messages left out by `saved`, if any, with the marker saying so.
    mutating func noteEarlierMessages(of saved: SavedConversation) {
        earlier = saved.window.flatMap { $0.hasEarlier || !$0.unexplored.isEmpty ? EarlierMessages($0) : nil }
        placeEarlierMarker()
    }

    /// The transcript's first entry says what is above it (nothing once all is read).
    mutating func placeEarlierMarker() {
        removeEarlierMarker()
        guard let earlier, earlier.notLoaded > 0, hasEarlierOnBranch else { return }
        let id = takeEarlierIDs(1)
        messages.insert(TranscriptMessage(id: id, kind: .notice, text: earlier.markerText), at: 0)
        self.earlier?.markerID = id
    }

    private mutating func removeEarlierMarker() {
        if let marker = earlier?.markerID, let index = messages.firstIndex(where: { $0.id == marker }) {
            messages.remove(at: index)
        }
        earlier?.markerID = nil
    }

    /// Whether the branch shown goes on above the transcript's first message.
    var hasEarlierOnBranch: Bool { earlier?.parentOfOldest != nil }

    /// Ids for entries in front of every entry there is: counting down from 0, so that
    /// the transcript stays in id order (`messageIndex` relies on it).
    mutating func takeEarlierIDs(_ count: Int) -> Int {
        lowestMessageID -= count
        return lowestMessageID
    }

    /// Puts `page` (the branch's messages above the transcript's first, with their
    /// other versions) in front: the branch's part shows, the versions wait in the tree.
    /// `window` says what is still above, nil when the first question is in.
    mutating func prependEarlier(_ page: [StoredMessage], window: LoadedWindow?) {
        guard let pageLeaf = earlier?.parentOfOldest else { return }
        let pageTree = MessageTree(messages: page, currentLeaf: pageLeaf)
        guard pageTree.messages[pageLeaf] != nil else {
            // The branch changed under us (another window), or a link is broken: no more
            // pages this time (the next reload shows what is there).
            self.earlier?.isLoading = false
            self.earlier?.parentOfOldest = nil
            placeEarlierMarker()
            return
        }
        removeEarlierMarker()
        guard var earlier else { return }
        let order = Self.parentsFirst(pageTree)
        let onBranch = Set(pageTree.currentPathIDs)
        let errors = order.filter { pageTree.messages[$0]?.errorMessage != nil }.count
        var next = takeEarlierIDs(order.count + errors)
        var nodes: [StoredMessageID: Int] = [:]
        var entries: [TranscriptMessage] = []
        for row in order {
            guard let message = pageTree.messages[row] else { continue }
            let node = next
            next += 1
            nodes[row] = node
            tree.insertEarlier(node, under: message.parentID.flatMap { nodes[$0] } ?? TranscriptTree.root, row: row)
            let shown = TranscriptMessage(loaded: message, id: node)
            var error: TranscriptMessage?
            if let failure = message.errorMessage {
                error = TranscriptMessage(id: next, kind: .error, text: failure)
                error?.node = node
                next += 1
            }
            if onBranch.contains(row) {
                if let shown { entries.append(shown) }
                if let error { entries.append(error) }
            } else {
                if let shown { tree.stash(shown) }
                if let error { tree.stash(error) }
            }
        }
        if let leafNode = nodes[pageLeaf] {
            tree.moveTopNodes(under: leafNode, keeping: Set(nodes.values))
        }
        for index in entries.indices where entries[index].isTurn {
            entries[index].branch = tree.position(of: entries[index].id)
        }
        messages.insert(contentsOf: entries, at: 0)
        earlier.isLoading = false
        earlier.unexplored.formUnion(window?.unexplored ?? [])
        if let window {
            earlier.oldestRow = window.oldestOnBranch
            earlier.parentOfOldest = window.parentOfOldest
            earlier.notLoaded = window.notLoaded
        } else {
            earlier.parentOfOldest = nil
            earlier.notLoaded = 0
        }
        self.earlier = earlier.parentOfOldest == nil && earlier.unexplored.isEmpty ? nil : earlier
        placeEarlierMarker()
    }
}
