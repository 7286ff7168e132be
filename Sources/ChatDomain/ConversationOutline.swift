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
    /// What a message is to the outline: a row, a reply passed through, or a message
    /// with nothing to show (a reply that failed), passed through too.
    public enum Kind: Sendable {
        case question, reply, hidden
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

    /// `children(0)` are the first messages. `kind` is asked of every message and must
    /// be cheap; `question` only of the questions, for their text and time.
    public static func rows(children: (Int) -> [Int], kind: (Int) -> Kind,
                            question: (Int) -> (text: String, createdAt: Date?),
                            currentBranch: Set<Int>) -> [OutlineRow] {
        var rows: [OutlineRow] = []
        var stack = places(for: questions(below: 0, children: children, kind: kind), depth: 0, lead: "")
        while let place = stack.popLast() {
            let id = place.id
            let next = questions(below: id, children: children, kind: kind)
            let replies = children(id).reduce(0) { count, child in kind(child) == .reply ? count + 1 : count }
            let shown = question(id)
            rows.append(OutlineRow(node: id, depth: place.depth, firstLine: firstLine(of: shown.text),
                                   createdAt: shown.createdAt, isOnCurrentBranch: currentBranch.contains(id),
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
    static func questions(below id: Int, children: (Int) -> [Int], kind: (Int) -> Kind) -> [Int] {
        var found: [Int] = []
        var stack = children(id).reversed() as [Int]
        var visited = 0
        while let next = stack.popLast() {
            visited += 1
            if visited > 1_000_000 { break }
            if kind(next) == .question {
                found.append(next)
            } else {
                stack += children(next).reversed()
            }
        }
        return found
    }

    /// No row is wider than this: a screen shows less.
    static let longestLine = 300

    /// The first line with text, for a row. Reads only as far as that line: a question
    /// may be a pasted file.
    public static func firstLine(of text: String) -> String {
        var start = text.startIndex
        while start < text.endIndex {
            let end = text[start...].firstIndex(where: \.isNewline) ?? text.endIndex
            var line = text[start..<end].prefix(longestLine)
            while line.first?.isWhitespace == true { line = line.dropFirst() }
            while line.last?.isWhitespace == true { line = line.dropLast() }
            if !line.isEmpty { return String(line) }
            start = end < text.endIndex ? text.index(after: end) : end
        }
        return ""
    }
}

extension MessageTree {
    /// The saved conversation's outline (`kimichat show --tree`).
    public var outline: [OutlineRow] {
        let onBranch = Set(currentPath.compactMap { $0.id.map { Int($0) } })
        return ConversationOutline.rows(
            children: { id in self.children(of: id == 0 ? nil : StoredMessageID(id)).map { Int($0) } },
            kind: { id in
                guard let message = self.messages[StoredMessageID(id)] else { return .hidden }
                switch message.role {
                case .user: return .question
                case .assistant: return message.text.isEmpty && message.reasoning.isEmpty ? .hidden : .reply
                case .system, .tool: return .hidden
                }
            },
            question: { id in
                let message = self.messages[StoredMessageID(id)]
                return (message?.text ?? "", message?.createdAt)
            },
            currentBranch: onBranch)
    }
}
