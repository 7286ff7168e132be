/// Moving the selection of an overlay's entries (the conversation list, the model
/// picker); a page is what the overlay shows, so each overlay says how far that is.
public enum SelectionMove: Sendable, Equatable {
    case up, down, pageUp, pageDown, first, last
}
