/// Moving the selection of an overlay's entries (the conversation list, the model
/// picker, the outline); a page is what the overlay shows, so each overlay says how
/// far that is.
public enum SelectionMove: Sendable, Equatable {
    case up, down, pageUp, pageDown, first, last

    /// Where `selection` goes among `count` entries of one row each, `page` to a page.
    func applied(to selection: Int, count: Int, page: Int) -> Int {
        let last = max(0, count - 1)
        switch self {
        case .up: return max(0, selection - 1)
        case .down: return min(last, selection + 1)
        case .pageUp: return max(0, selection - page)
        case .pageDown: return min(last, selection + page)
        case .first: return 0
        case .last: return last
        }
    }
}
