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

    public init(node: Int, depth: Int, firstLine: String, createdAt: Date?, isOnCurrentBranch: Bool, replies: Int) {
        self.node = node
        self.depth = depth
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

    /// `children(0)` are the first messages; `node(id)` nil is a message with nothing
    /// to show (a reply that failed), which the outline passes through.
    public static func rows(children: (Int) -> [Int], node: (Int) -> Node?,
                            currentBranch: Set<Int>) -> [OutlineRow] {
        var rows: [OutlineRow] = []
        let roots = questions(below: 0, children: children, node: node)
        var stack: [(id: Int, depth: Int)] = roots.reversed().map { ($0, roots.count > 1 ? 1 : 0) }
        while let (id, depth) = stack.popLast() {
            let next = questions(below: id, children: children, node: node)
            let replies = children(id).filter { node($0).map { !$0.isQuestion } ?? false }.count
            let shown = node(id)
            rows.append(OutlineRow(node: id, depth: depth, firstLine: firstLine(of: shown?.text ?? ""),
                                   createdAt: shown?.createdAt, isOnCurrentBranch: currentBranch.contains(id),
                                   replies: replies))
            let childDepth = next.count > 1 ? depth + 1 : depth
            stack += next.reversed().map { ($0, childDepth) }
        }
        return rows
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
