import ChatDomain

/// The shape of the open conversation: which question or reply follows which, for
/// every branch this run knows. Nodes are transcript message ids; 0 stands above the
/// first questions. The transcript shows one branch, the path to `leaf`; the entries
/// of the other branches wait here, each node with the notices that followed it.
///
/// A child is always made after its parent, so ids grow along every path: the
/// transcript of any branch is in id order, as `AppState.messageIndex` expects.
public struct TranscriptTree: Sendable, Equatable {
    public static let root = 0

    private var parents: [Int: Int] = [:]
    /// Children by parent, oldest first.
    private var children: [Int: [Int]] = [:]
    /// The last node of the branch shown; `root` when nothing is shown.
    public private(set) var leaf = TranscriptTree.root
    /// Database rows of nodes, as far as this run knows them (loaded, or reported saved).
    private var rows: [Int: StoredMessageID] = [:]
    /// Entries of the branches not shown, by node, in transcript order.
    private var stashed: [Int: [TranscriptMessage]] = [:]

    public init() {}

    /// How many questions and replies the conversation has, on every branch.
    public var count: Int { parents.count }

    public func contains(_ node: Int) -> Bool { parents[node] != nil }

    public func parent(of node: Int) -> Int? { parents[node] }

    public func children(of node: Int) -> [Int] { children[node] ?? [] }

    public func row(of node: Int) -> StoredMessageID? { rows[node] }

    /// Adds `node` under `parent` (which must be the leaf or on the branch shown) and
    /// makes it the leaf.
    mutating func add(_ node: Int, under parent: Int, row: StoredMessageID? = nil) {
        guard parents[node] == nil else { return }
        parents[node] = contains(parent) ? parent : Self.root
        children[parents[node] ?? Self.root, default: []].append(node)
        if let row { setRow(row, of: node) }
        leaf = node
    }

    /// Adds `node`, read with earlier messages, under `parent` (another earlier node, or
    /// the root): the branch shown stays as it is.
    mutating func insertEarlier(_ node: Int, under parent: Int, row: StoredMessageID) {
        guard parents[node] == nil else { return }
        parents[node] = contains(parent) ? parent : Self.root
        children[parents[node] ?? Self.root, default: []].append(node)
        setRow(row, of: node)
    }

    /// Moves the nodes directly under the root, except `kept`, under `node`: the
    /// earlier messages just read end at their parent.
    mutating func moveTopNodes(under node: Int, keeping kept: Set<Int>) {
        let moving = (children[Self.root] ?? []).filter { !kept.contains($0) }
        guard !moving.isEmpty, contains(node) else { return }
        children[Self.root] = (children[Self.root] ?? []).filter { kept.contains($0) }
        for moved in moving { parents[moved] = node }
        children[node, default: []].append(contentsOf: moving)
    }

    /// The node saved as `row`, if this run knows it. A scan: for rare events (a reload
    /// under an edit), not for every frame.
    func node(ofRow row: StoredMessageID) -> Int? {
        rows.first { $0.value == row }?.key
    }

    mutating func setRow(_ row: StoredMessageID, of node: Int) {
        rows[node] = row
    }

    /// The nodes from the first question down to `node`.
    public func path(to node: Int) -> [Int] {
        var path: [Int] = []
        var next = node
        // A path is never longer than the tree: the bound only guards against a loop.
        while next != Self.root, path.count <= parents.count, let parent = parents[next] {
            path.append(next)
            next = parent
        }
        return path.reversed()
    }

    /// The branch shown, first question first.
    public var shownPath: [Int] { path(to: leaf) }

    /// `node` and the nodes with the same parent, oldest first.
    public func siblings(of node: Int) -> [Int] {
        guard let parent = parents[node] else { return [] }
        return children[parent] ?? [node]
    }

    /// Where `node` stands among its siblings (1-based), when it has any.
    public func position(of node: Int) -> BranchPosition? {
        let all = siblings(of: node)
        guard all.count > 1, let index = all.firstIndex(of: node) else { return nil }
        return BranchPosition(number: index + 1, count: all.count)
    }

    /// The sibling `offset` places from `node` (−1 older, +1 newer), if there is one.
    public func sibling(of node: Int, offset: Int) -> Int? {
        let all = siblings(of: node)
        guard let index = all.firstIndex(of: node), all.indices.contains(index + offset) else { return nil }
        return all[index + offset]
    }

    /// The newest leaf under `node`, itself when it has no children: ids grow with
    /// time, so the highest id below is the branch written last.
    public func newestLeaf(under node: Int) -> Int {
        NewestLeaf.under(node) { children[$0] ?? [] }
    }

    /// Keeps the entries of a branch leaving the screen, each under its node.
    mutating func stash(_ entries: some Sequence<TranscriptMessage>) {
        for entry in entries { stash(entry) }
    }

    mutating func stash(_ entry: TranscriptMessage) {
        stashed[entry.node, default: []].append(entry)
    }

    /// The entries of `node` (its message and the notices after it), taken out.
    mutating func takeStashed(_ node: Int) -> [TranscriptMessage] {
        stashed.removeValue(forKey: node) ?? []
    }

    /// The stashed message of `node`, unless its reply left nothing to show.
    public func stashedMessage(_ node: Int) -> TranscriptMessage? {
        stashed[node]?.first { $0.id == node }
    }

    /// The kind of the stashed message of `node`, read in place.
    func stashedKind(_ node: Int) -> MessageKind? {
        guard let entries = stashed[node] else { return nil }
        for index in entries.indices where entries[index].id == node { return entries[index].kind }
        return nil
    }

    /// Edits the stashed message of `node`, if it is stashed.
    mutating func editStashed(_ node: Int, _ change: (inout TranscriptMessage) -> Void) {
        guard let index = stashed[node]?.firstIndex(where: { $0.id == node }) else { return }
        stashed[node]?[index].edit(change)
    }

    mutating func setLeaf(_ node: Int) {
        leaf = node == Self.root || contains(node) ? node : leaf
    }
}

/// A message's place among its siblings: shown as `‹ 2/3 ›` in its header.
public struct BranchPosition: Sendable, Equatable {
    public var number: Int
    public var count: Int

    public init(number: Int, count: Int) {
        self.number = number
        self.count = count
    }
}
