import ChatDomain
import Foundation
import Testing

/// The outline's layout (Ctrl-X T, `kimichat show --tree`): one row per question,
/// indented where the conversation forks, the current branch marked.
@Suite("Conversation outline")
struct ConversationOutlineTests {
    static func message(_ id: StoredMessageID, _ parent: StoredMessageID?, _ role: Role = .user,
                        _ text: String? = nil, status: MessageStatus = .complete) -> StoredMessage {
        StoredMessage(id: id, parentID: parent, role: role, text: text ?? "m\(id)", status: status,
                      createdAt: Date(timeIntervalSince1970: Double(id) * 60))
    }

    /// Each row as "● ␣␣text (n)": marked when on the current branch, two spaces a
    /// fork, the replies counted.
    static func sketch(_ rows: [OutlineRow]) -> [String] {
        rows.map { row in
            (row.isOnCurrentBranch ? "●" : "·") + String(repeating: "  ", count: row.depth) + row.firstLine
                + (row.replies > 1 ? " (\(row.replies))" : "")
        }
    }

    @Test func aLinearConversationIsFlat() {
        let tree = MessageTree(messages: [
            Self.message(1, nil, .user, "first"), Self.message(2, 1, .assistant),
            Self.message(3, 2, .user, "second"), Self.message(4, 3, .assistant),
            Self.message(5, 4, .user, "third"), Self.message(6, 5, .assistant),
        ], currentLeaf: 6)
        #expect(Self.sketch(tree.outline) == ["●first", "●second", "●third"])
        #expect(tree.outline.map(\.node) == [1, 3, 5])
        #expect(tree.outline.map(\.createdAt) == [60, 180, 300].map { Date(timeIntervalSince1970: $0) })
    }

    @Test func anEditedQuestionIndentsBothVersions() {
        // q3 edited as q5: both follow a2; the branch shown is the edit's.
        let tree = MessageTree(messages: [
            Self.message(1, nil, .user, "first"), Self.message(2, 1, .assistant),
            Self.message(3, 2, .user, "second"), Self.message(4, 3, .assistant),
            Self.message(5, 2, .user, "second, edited"), Self.message(6, 5, .assistant),
            Self.message(7, 6, .user, "third"), Self.message(8, 7, .assistant),
        ], currentLeaf: 8)
        #expect(Self.sketch(tree.outline) == ["●first", "·  second", "●  second, edited", "●  third"])
    }

    /// The case plain indentation cannot tell apart: a branch's follow-up looks like one
    /// more version of the question it follows. The guides show which is which.
    @Test func guidesTellAFollowUpFromAnotherVersion() {
        let tree = MessageTree(messages: [
            Self.message(1, nil, .user, "first"), Self.message(2, 1, .assistant),
            Self.message(3, 2, .user, "second"), Self.message(4, 3, .assistant),
            Self.message(5, 4, .user, "third"), Self.message(6, 5, .assistant),
            Self.message(7, 2, .user, "second, edited"), Self.message(8, 7, .assistant),
            Self.message(9, 8, .user, "after the edit"), Self.message(10, 9, .assistant),
            Self.message(11, 9, .assistant), Self.message(12, 10, .user, "on the first reply"),
            Self.message(13, 11, .user, "on the second reply"),
        ], currentLeaf: 6)
        #expect(tree.outline.map { $0.guide + $0.firstLine } == [
            "first",
            "├ second",
            "│ third",
            "└ second, edited",
            "  after the edit",
            "  ├ on the first reply",
            "  └ on the second reply",
        ])
    }

    @Test func theFirstQuestionEditedIndentsFromTheRoot() {
        let tree = MessageTree(messages: [
            Self.message(1, nil, .user, "hello"), Self.message(2, 1, .assistant),
            Self.message(3, nil, .user, "hello again"), Self.message(4, 3, .assistant),
        ], currentLeaf: 2)
        #expect(Self.sketch(tree.outline) == ["●  hello", "·  hello again"])
    }

    @Test func aRegeneratedReplyWithFollowUpsIndentsThem() {
        // a2 regenerated as a3; each reply was followed up.
        let tree = MessageTree(messages: [
            Self.message(1, nil, .user, "question"), Self.message(2, 1, .assistant),
            Self.message(3, 1, .assistant), Self.message(4, 2, .user, "after the first reply"),
            Self.message(5, 4, .assistant), Self.message(6, 3, .user, "after the second reply"),
            Self.message(7, 6, .assistant),
        ], currentLeaf: 5)
        #expect(Self.sketch(tree.outline) == ["●question (2)", "●  after the first reply", "·  after the second reply"])
    }

    @Test func aRegeneratedReplyWithoutFollowUpsOnlyCountsItsReplies() {
        let tree = MessageTree(messages: [
            Self.message(1, nil, .user, "question"), Self.message(2, 1, .assistant),
            Self.message(3, 1, .assistant), Self.message(4, 1, .assistant),
            Self.message(5, 4, .user, "next"), Self.message(6, 5, .assistant),
        ], currentLeaf: 6)
        #expect(Self.sketch(tree.outline) == ["●question (3)", "●next"])
    }

    @Test func forksInsideForksIndentFurther() {
        // q3 edited as q5; under q5, q7 edited as q9.
        let tree = MessageTree(messages: [
            Self.message(1, nil, .user, "one"), Self.message(2, 1, .assistant),
            Self.message(3, 2, .user, "two"), Self.message(4, 3, .assistant),
            Self.message(5, 2, .user, "two b"), Self.message(6, 5, .assistant),
            Self.message(7, 6, .user, "three"), Self.message(8, 7, .assistant),
            Self.message(9, 6, .user, "three b"),
        ], currentLeaf: 9)
        #expect(Self.sketch(tree.outline) == ["●one", "·  two", "●  two b", "·    three", "●    three b"])
    }

    @Test func firstLinesOfChineseAndOfTextThatStartsBlank() {
        let tree = MessageTree(messages: [
            Self.message(1, nil, .user, "你好，世界\n第二行"), Self.message(2, 1, .assistant),
            Self.message(3, 2, .user, "\n   \n  　缩进的问题  \nmore"), Self.message(4, 3, .assistant),
            Self.message(5, 4, .user, "   "),
        ], currentLeaf: 5)
        #expect(tree.outline.map(\.firstLine) == ["你好，世界", "缩进的问题", ""])
        #expect(ConversationOutline.firstLine(of: "tab\tinside\r\nnext") == "tab\tinside")
    }

    @Test func failedRepliesArePassedThrough() {
        // a2 failed before any text; the question was asked again after it, and a4
        // failed too before a5 answered. Neither failure counts as a reply.
        let tree = MessageTree(messages: [
            Self.message(1, nil, .user, "question"), Self.message(2, 1, .assistant, "", status: .error),
            Self.message(3, 2, .user, "again"), Self.message(4, 3, .assistant, "", status: .error),
            Self.message(5, 3, .assistant), Self.message(6, 5, .user, "next"),
        ], currentLeaf: 6)
        #expect(Self.sketch(tree.outline) == ["●question", "●again", "●next"])
        #expect(tree.outline.map(\.replies) == [0, 1, 0])
    }

    @Test func systemMessagesAndRepliesAreNoRows() {
        let tree = MessageTree(messages: [
            Self.message(1, nil, .system, "be brief"), Self.message(2, 1, .user, "question"),
            Self.message(3, 2, .assistant, "answer"),
        ], currentLeaf: 3)
        #expect(Self.sketch(tree.outline) == ["●question"])
        #expect(MessageTree(messages: [], currentLeaf: nil).outline.isEmpty)
    }

    @Test func theLayoutTakesAnyTreeGivenAsFunctions() {
        // The chat's own ids: 0 above the first question, 10 edited as 30.
        let children: [Int: [Int]] = [0: [10], 10: [20], 20: [30, 40], 40: [50]]
        let questions: Set = [10, 30, 40]
        let rows = ConversationOutline.rows(
            children: { children[$0] ?? [] },
            kind: { questions.contains($0) ? .question : .reply },
            question: { ("n\($0)", nil) },
            currentBranch: [10, 20, 40, 50])
        #expect(Self.sketch(rows) == ["●n10", "·  n30", "●  n40"])
    }

    @Test func aVeryLongConversationLaysOutWithoutRecursion() {
        var messages: [StoredMessage] = []
        for id in StoredMessageID(1)...20_000 {
            messages.append(Self.message(id, id == 1 ? nil : id - 1, id % 2 == 1 ? .user : .assistant))
        }
        let outline = MessageTree(messages: messages, currentLeaf: 20_000).outline
        #expect(outline.count == 10_000)
        #expect(outline.allSatisfy { $0.depth == 0 && $0.isOnCurrentBranch })
    }
}
