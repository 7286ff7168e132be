import ChatDomain
import Testing
@testable import ChatCore

/// The chat's tree by transcript id: paths, versions, the newest branch under a
/// version, and entries kept while their branch is not shown.
@Suite struct TranscriptTreeTests {
    /// 1 → 2 → 3 → 4, with 5 a second reply to 1 and 6 → 7 a second version of 3.
    static func sample() -> TranscriptTree {
        var tree = TranscriptTree()
        tree.add(1, under: 0)
        tree.add(2, under: 1, row: 20)
        tree.add(3, under: 2)
        tree.add(4, under: 3)
        tree.add(5, under: 1)
        tree.add(6, under: 2)
        tree.add(7, under: 6)
        return tree
    }

    @Test func pathsVersionsAndTheNewestBranch() {
        var tree = Self.sample()
        #expect(tree.leaf == 7, "the node added last is the leaf")
        #expect(tree.shownPath == [1, 2, 6, 7])
        #expect(tree.path(to: 4) == [1, 2, 3, 4])
        #expect(tree.siblings(of: 6) == [3, 6])
        #expect(tree.position(of: 6) == BranchPosition(number: 2, count: 2))
        #expect(tree.position(of: 1) == nil, "one version: no mark")
        #expect(tree.sibling(of: 6, offset: -1) == 3)
        #expect(tree.sibling(of: 3, offset: -1) == nil)
        #expect(tree.newestLeaf(under: 2) == 7)
        #expect(tree.newestLeaf(under: 3) == 4)
        #expect(tree.row(of: 2) == 20)
        #expect(tree.count == 7)
        tree.setLeaf(99)
        #expect(tree.leaf == 7, "an unknown node is not a leaf")
        tree.add(8, under: 42)
        #expect(tree.parent(of: 8) == 0, "an unknown parent makes a first question")
    }

    @Test func entriesWaitUnderTheirNode() {
        var tree = Self.sample()
        var error = TranscriptMessage(id: 9, kind: .error, text: "failed")
        error.node = 4
        tree.stash([TranscriptMessage(id: 3, kind: .user, text: "Q"), TranscriptMessage(id: 4, kind: .assistant,
                                                                                        text: "A"), error])
        #expect(tree.stashedMessage(4)?.text == "A")
        tree.editStashed(4) { $0.text = "A, edited" }
        #expect(tree.takeStashed(4).map(\.text) == ["A, edited", "failed"])
        #expect(tree.takeStashed(4).isEmpty, "taken once")
        #expect(tree.takeStashed(3).map(\.text) == ["Q"])
    }
}
