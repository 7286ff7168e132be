import ChatDomain

/// The outline overlay (Ctrl-X T): the conversation's questions on every branch, as a
/// tree, filtered by what is typed.
public struct OutlineBrowser: Sendable, Equatable {
    public var filter = InputBuffer()
    /// Every question, in outline order.
    public private(set) var rows: [OutlineRow]
    /// The rows the filter keeps.
    public private(set) var shown: [OutlineRow]
    public var selection = 0

    init(rows: [OutlineRow], selecting node: Int?) {
        self.rows = rows
        shown = rows
        selection = node.flatMap { node in rows.firstIndex { $0.node == node } } ?? max(0, rows.count - 1)
    }

    public var selected: OutlineRow? { shown.indices.contains(selection) ? shown[selection] : nil }

    /// Keeps the rows whose question holds every word of the filter; the selection stays
    /// on its question when it is still shown.
    mutating func refilter() {
        let previous = selected?.node
        let words = filter.text.lowercased().split(whereSeparator: \.isWhitespace)
        shown = words.isEmpty ? rows : rows.filter { row in
            let text = row.firstLine.lowercased()
            return words.allSatisfy { text.contains($0) }
        }
        selection = previous.flatMap { node in shown.firstIndex { $0.node == node } } ?? 0
    }

    mutating func move(_ move: SelectionMove, page: Int) {
        selection = move.applied(to: selection, count: shown.count, page: page)
    }
}
