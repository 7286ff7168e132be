import ChatDomain
import Foundation

/// A ChatGPT conversation (its `mapping` of nodes, each with a parent and children)
/// as a kimichat tree: the questions and answers a person saw, branches kept.
///
/// Nodes without a message (the root), system and tool messages, calls addressed to
/// a tool, hidden context (custom instructions) and messages with no text are left
/// out; their children hang from the nearest message kept above them. The branch
/// shown ends at the kept message at or above `current_node`.
enum ChatGPTTree {
    /// The conversation, and how many messages were left out; nil when none is left.
    static func imported(_ conversation: ChatGPTConversation, fallbackID: () -> String)
        -> (conversation: ImportedConversation, skipped: Int)? {
        let mapping = conversation.mapping
        // Each node's parent: its own `parent`, else the node listing it as a child.
        var parentOf: [String: String] = [:]
        parentOf.reserveCapacity(mapping.count)
        for (id, node) in mapping {
            if let parent = node.parent, mapping[parent] != nil, parent != id { parentOf[id] = parent }
        }
        for (id, node) in mapping {
            for child in node.children where parentOf[child] == nil && child != id && mapping[child] != nil {
                parentOf[child] = id
            }
        }

        var kept: [String: Kept] = [:]
        var skipped = 0
        for (id, node) in mapping {
            guard let message = node.message else { continue }
            if let content = visible(message) {
                kept[id] = Kept(role: content.role, text: content.text, model: content.model, time: message.createTime)
            } else {
                skipped += 1
            }
        }
        guard !kept.isEmpty else { return nil }

        // The nearest kept node above each node (memoised; a loop in a damaged file stops).
        var keptAbove: [String: String?] = [:]
        func nearestKept(above id: String) -> String? {
            var chain: [String] = []
            var next = parentOf[id]
            var answer: String?
            while let current = next, chain.count <= mapping.count {
                if let known = keptAbove[current] { answer = kept[current] != nil ? current : known; break }
                if kept[current] != nil { answer = current; break }
                chain.append(current)
                next = parentOf[current]
            }
            for skippedNode in chain { keptAbove[skippedNode] = answer }
            return answer
        }
        let parents = kept.keys.map { ($0, nearestKept(above: $0)) }
        for (id, parent) in parents { kept[id]?.parent = parent }

        let order = ordered(kept, conversationTime: conversation.createTime ?? 0)
        var number: [String: StoredMessageID] = [:]
        number.reserveCapacity(order.count)
        var messages: [StoredMessage] = []
        messages.reserveCapacity(order.count)
        for id in order {
            guard let node = kept[id] else { continue }
            let ownID = StoredMessageID(messages.count + 1)
            number[id] = ownID
            messages.append(StoredMessage(
                id: ownID, parentID: node.parent.flatMap { number[$0] }, role: node.role, text: node.text,
                model: node.role == .assistant ? node.model : nil,
                createdAt: node.time.map(Date.init(timeIntervalSince1970:))))
        }

        var leaf: StoredMessageID?
        if let current = conversation.currentNode, mapping[current] != nil {
            leaf = number[current] ?? nearestKept(above: current).flatMap { number[$0] }
        }
        let times = messages.compactMap(\.createdAt)
        let created = conversation.createTime.map(Date.init(timeIntervalSince1970:)) ?? times.min() ?? Date(timeIntervalSince1970: 0)
        let updated = conversation.updateTime.map(Date.init(timeIntervalSince1970:)) ?? times.max() ?? created
        let title = conversation.title.flatMap { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : $0 }
            ?? ConversationTitle.derived(from: messages.first { $0.role == .user }?.text ?? "")
        let id = conversation.id.flatMap { $0.isEmpty ? nil : $0 } ?? fallbackID()
        return (ImportedConversation(source: ImportSource(kind: ImportSource.chatGPT, id: id), title: title,
                                     createdAt: created, updatedAt: max(created, updated), messages: messages,
                                     currentLeaf: leaf),
                skipped)
    }

    private struct Kept {
        var role: Role
        var text: String
        var model: String?
        var time: Double?
        var parent: String?
    }

    /// What a message shows in ChatGPT, if anything.
    private static func visible(_ message: ChatGPTConversation.Message)
        -> (role: Role, text: String, model: String?)? {
        let role: Role
        switch message.role {
        case "user": role = .user
        case "assistant": role = .assistant
        default: return nil // system, tool, and anything newer
        }
        if message.isHidden { return nil }
        if let recipient = message.recipient, recipient != "all" { return nil }
        switch message.contentType {
        // The model's hidden reasoning, and context the user set once (custom instructions).
        case "thoughts", "reasoning_recap", "user_editable_context", "model_editable_context": return nil
        default: break
        }
        var pieces: [String] = []
        for part in message.parts {
            switch part {
            case let .text(text): if !text.isEmpty { pieces.append(text) }
            case .image: pieces.append("[image]")
            case .other: break
            }
        }
        if pieces.isEmpty, let text = message.text { pieces.append(text) }
        let text = pieces.joined(separator: "\n")
        guard text.contains(where: { !$0.isWhitespace }) else { return nil }
        return (role, text, message.modelSlug)
    }

    /// The kept nodes in time order, each after its parent: ids then grow with time, so
    /// the newest branch is the one with the highest id, as `MessageTree` expects. A node
    /// without a time takes its parent's.
    private static func ordered(_ kept: [String: Kept], conversationTime: Double) -> [String] {
        var time: [String: Double] = [:]
        var depth: [String: Int] = [:]
        time.reserveCapacity(kept.count)
        depth.reserveCapacity(kept.count)
        func resolve(_ id: String) {
            var chain: [String] = []
            var next: String? = id
            while let current = next, time[current] == nil, chain.count <= kept.count {
                chain.append(current)
                next = kept[current]?.parent
            }
            var parentTime = next.flatMap { time[$0] } ?? conversationTime
            var parentDepth = next.flatMap { depth[$0] } ?? -1
            for current in chain.reversed() {
                parentTime = kept[current]?.time ?? parentTime
                parentDepth += 1
                time[current] = parentTime
                depth[current] = parentDepth
            }
        }
        for id in kept.keys { resolve(id) }
        let sorted = kept.keys.sorted { lhs, rhs in
            let (left, right) = (time[lhs] ?? 0, time[rhs] ?? 0)
            if left != right { return left < right }
            let (leftDepth, rightDepth) = (depth[lhs] ?? 0, depth[rhs] ?? 0)
            return leftDepth != rightDepth ? leftDepth < rightDepth : lhs < rhs
        }
        // A child stamped before its parent (clocks are not perfect) still comes after it.
        var placed = Set<String>()
        placed.reserveCapacity(sorted.count)
        var order: [String] = []
        order.reserveCapacity(sorted.count)
        for id in sorted where !placed.contains(id) {
            var chain: [String] = []
            var next: String? = id
            while let current = next, !placed.contains(current), chain.count <= kept.count {
                chain.append(current)
                next = kept[current]?.parent
            }
            for current in chain.reversed() where placed.insert(current).inserted { order.append(current) }
        }
        return order
    }
}
