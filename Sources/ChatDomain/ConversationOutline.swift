import Foundation

/// One question of a conversation's outline (Ctrl-X T, `kimichat show --tree`).
public struct OutlineRow: Sendable, Equatable {
    /// The question's id in the tree it came from.
    public var node: Int
    /// How far it is indented: one step for each fork above it.
    public var depth: Int
    public var firstLine: String
    public var createdAt: Date?
    public var isOnCurrentBranch: Bool
    /// Replies it has side by side (regenerated), when more than one.
    public var replies: Int
    /// The tree's lines before the question: "├ " starts one of several branches at a
    /// fork, "└ " the last of them, "│ " continues a branch with others below it.
    public var guide: String

    public init(node: Int, depth: Int, firstLine: String, createdAt: Date?, isOnCurrentBranch: Bool, replies: Int,
                guide: String = "") {
        self.node = node
        self.depth = depth
        self.guide = guide
        self.firstLine = firstLine
        self.createdAt = createdAt
        self.isOnCurrentBranch = isOnCurrentBranch
        self.replies = replies
    }
}

/// Lays out a conversation's questions as a tree. Replies are not rows: a question
/// leads to the questions asked after its replies. Where a question leads to one
/// question, the outline goes on at the same depth (a linear conversation is a flat
/// list); where it leads to several (a question edited, a reply regenerated and then
/// followed up), each of them and what follows goes one step deeper.
///
/// Works on any tree given as functions, so the chat's tree (transcript ids) and a
/// saved one (row ids) lay out alike. Iterative: a conversation of thousands of
/// questions is as deep as it is long.
public enum ConversationOutline {
    public struct Node: Sendable {
        public var isQuestion: Bool
        public var text: String
        public var createdAt: Date?

        public init(isQuestion: Bool, text: String, createdAt: Date?) {
            self.isQuestion = isQuestion
            self.text = text
            self.createdAt = createdAt
        }
    }

    /// Where a row goes: its depth, its own guide, and the guide of rows continuing it.
    private struct Place {
        var id: Int
        var depth: Int
        var head: String
        var lead: String
    }

    /// Guides deeper than this many forks show only their last ones.
    static let deepestGuide = 12

    /// `children(0)` are the first messages; `node(id)` nil is a message with nothing
    /// to show (a reply that failed), which the outline passes through.
    public static func rows(children: (Int) -> [Int], node: (Int) -> Node?,
                            currentBranch: Set<Int>) -> [OutlineRow] {
        var rows: [OutlineRow] = []
        var stack = places(for: questions(below: 0, children: children, node: node), depth: 0, lead: "")
        while let place = stack.popLast() {
            let id = place.id
            let next = questions(below: id, children: children, node: node)
            let replies = children(id).filter { node($0).map { !$0.isQuestion } ?? false }.count
            let shown = node(id)
            rows.append(OutlineRow(node: id, depth: place.depth, firstLine: firstLine(of: shown?.text ?? ""),
                                   createdAt: shown?.createdAt, isOnCurrentBranch: currentBranch.contains(id),
                                   replies: replies, guide: String(place.head.suffix(2 * deepestGuide))))
            stack += places(for: next, depth: place.depth, lead: place.lead)
        }
        return rows
    }

    /// The places of the questions after one (or of the first questions), reversed for
    /// the stack: one goes on at the same depth; several are branches of a fork.
    private static func places(for next: [Int], depth: Int, lead: String) -> [Place] {
        guard next.count > 1 else { return next.map { Place(id: $0, depth: depth, head: lead, lead: lead) } }
        return next.enumerated().reversed().map { index, id in
            let isLast = index == next.count - 1
            return Place(id: id, depth: depth + 1, head: lead + (isLast ? "└ " : "├ "),
                         lead: lead + (isLast ? "  " : "│ "))
        }
    }

    /// The first questions below `id`, passing through replies, oldest first.
    static func questions(below id: Int, children: (Int) -> [Int], node: (Int) -> Node?) -> [Int] {
        var found: [Int] = []
        var stack = children(id).reversed() as [Int]
        var visited = 0
        while let next = stack.popLast() {
            visited += 1
            if visited > 1_000_000 { break }
            if node(next)?.isQuestion == true {
                found.append(next)
            } else {
                stack += children(next).reversed()
            }
        }
        return found
    }

    /// The first line with text, made one line, for a row.
    public static func firstLine(of text: String) -> String {
        let line = text.split(whereSeparator: \.isNewline).first { !$0.allSatisfy(\.isWhitespace) } ?? ""
        return line.trimmingCharacters(in: .whitespaces)
    }
}

extension MessageTree {
    /// The saved conversation's outline (`kimichat show --tree`).
    public var outline: [OutlineRow] {
        let onBranch = Set(currentPath.compactMap { $0.id.map { Int($0) } })
        return ConversationOutline.rows(
            children: { id in self.children(of: id == 0 ? nil : StoredMessageID(id)).map { Int($0) } },
            node: { id in
                guard let message = self.messages[StoredMessageID(id)] else { return nil }
                let shows = message.role == .user || !message.text.isEmpty || !message.reasoning.isEmpty
                return shows && message.role != .system
                    ? ConversationOutline.Node(isQuestion: message.role == .user, text: message.text,
                                               createdAt: message.createdAt) : nil
            },
            currentBranch: onBranch)
    }
}
