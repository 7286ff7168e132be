import ChatDomain
import Testing

/// The conversation tree: paths, siblings, branches, and what flipping lands on.
@Suite("Message tree")
struct MessageTreeTests {
    static func message(_ id: StoredMessageID, _ parent: StoredMessageID?, _ role: Role = .user,
                        _ text: String? = nil) -> StoredMessage {
        StoredMessage(id: id, parentID: parent, role: role, text: text ?? "m\(id)")
    }

    /// q1 → a2 → q3 → a4, then a4 regenerated as a5, then q3 edited as q6 → a7.
    static let branched = MessageTree(messages: [
        message(1, nil), message(2, 1, .assistant), message(3, 2), message(4, 3, .assistant),
        message(5, 3, .assistant), message(6, 2), message(7, 6, .assistant),
    ], currentLeaf: nil)

    @Test func theCurrentBranchIsThePathToTheLeaf() {
        let tree = Self.branched
        #expect(tree.currentLeaf == 7, "no leaf saved: the newest message's branch")
        #expect(tree.currentPath.compactMap(\.id) == [1, 2, 6, 7])
        #expect(tree.path(to: 5).compactMap(\.id) == [1, 2, 3, 5])
        #expect(tree.branchCount == 3)
    }

    @Test func siblingsAreTheVersionsOfOneTurn() {
        let tree = Self.branched
        #expect(tree.siblings(of: 4) == [4, 5])
        #expect(tree.siblings(of: 6) == [3, 6])
        #expect(tree.siblings(of: 1) == [1])
        #expect(tree.sibling(of: 6, offset: -1) == 3)
        #expect(tree.sibling(of: 6, offset: 1) == nil)
        #expect(tree.sibling(of: 4, offset: 1) == 5)
    }

    @Test func selectingAMessageShowsTheNewestBranchUnderIt() {
        var tree = Self.branched
        tree.select(3)
        #expect(tree.currentLeaf == 5, "a5, written after a4")
        #expect(tree.currentPath.compactMap(\.id) == [1, 2, 3, 5])
        tree.select(4)
        #expect(tree.currentPath.compactMap(\.id) == [1, 2, 3, 4])
        tree.select(99)
        #expect(tree.currentLeaf == 4, "an unknown id changes nothing")
    }

    @Test func addingContinuesTheBranchShown() {
        var tree = Self.branched
        tree.select(4)
        tree.add(Self.message(8, 4))
        #expect(tree.currentPath.compactMap(\.id) == [1, 2, 3, 4, 8])
        #expect(tree.branchCount == 3, "a4 was a leaf; q8 continues it")
        tree.add(Self.message(9, 3, .assistant))
        #expect(tree.siblings(of: 9) == [4, 5, 9], "a regenerated reply is a newer sibling")
        #expect(tree.currentLeaf == 9)
    }

    @Test func updatingKeepsTheMessagesPlace() {
        var tree = Self.branched
        var grown = Self.message(7, nil, .assistant, "a longer reply")
        grown.status = .streaming
        tree.update(grown)
        #expect(tree.messages[7]?.parentID == 6)
        #expect(tree.messages[7]?.text == "a longer reply")
    }

    @Test func aLinearConversationChainsItsMessages() {
        let tree = MessageTree.linear([Self.message(10, nil), Self.message(11, nil, .assistant), Self.message(12, nil)])
        #expect(tree.currentPath.map(\.parentID) == [nil, 10, 11])
        #expect(tree.branchCount == 1)
    }

    @Test func unsavedMessagesAreNumberedInOrder() {
        let tree = MessageTree.linear([StoredMessage(role: .user, text: "a"), StoredMessage(role: .assistant, text: "b")])
        #expect(tree.currentPath.map(\.text) == ["a", "b"])
        #expect(tree.currentPath.map(\.id) == [1, 2])
    }

    @Test func aChainWhoseIdsDoNotGrowStaysAChain() {
        // Another window's question saved between ours and our reply row.
        let tree = MessageTree.linear([Self.message(200, nil), Self.message(202, nil), Self.message(201, nil, .assistant)])
        #expect(tree.currentPath.compactMap(\.id) == [200, 202, 201])
    }

    @Test func aBrokenLinkLosesNoMessage() {
        // A parent that is not there (a damaged file): the message becomes a root.
        let tree = MessageTree(messages: [Self.message(1, nil), Self.message(2, 40)], currentLeaf: 1)
        #expect(tree.count == 2)
        #expect(tree.messages[2]?.parentID == nil)
        #expect(tree.currentPath.compactMap(\.id) == [1])
        #expect(tree.path(to: 2).compactMap(\.id) == [2])
    }

    @Test func aLoopInADamagedFileEnds() {
        let tree = MessageTree(messages: [Self.message(1, 2), Self.message(2, 1)], currentLeaf: 2)
        #expect(tree.currentPath.count <= 2)
    }

    @Test func anEmptyConversationHasNoBranch() {
        let tree = MessageTree(messages: [], currentLeaf: 3)
        #expect(tree.currentLeaf == nil)
        #expect(tree.currentPath.isEmpty)
        #expect(tree.branchCount == 0)
    }
}
