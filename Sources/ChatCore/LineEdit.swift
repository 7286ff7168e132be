/// An edit of a one-line field (an overlay's filter, a title being renamed): what the
/// shared key rows do, applied the same way wherever the field is.
public enum LineEdit: Sendable, Equatable {
    case deleteBackward, deleteForward, clear
    case cutToLineStart, cutToLineEnd, cutWordBackward
    case left, right, lineStart, lineEnd

    /// Whether the edit changes the text (a filter searches again) or only moves the cursor.
    var changesText: Bool {
        switch self {
        case .deleteBackward, .deleteForward, .clear, .cutToLineStart, .cutToLineEnd, .cutWordBackward: return true
        case .left, .right, .lineStart, .lineEnd: return false
        }
    }

    func apply(to field: inout InputBuffer) {
        switch self {
        case .deleteBackward: field.deleteBackward()
        case .deleteForward: field.deleteForward()
        case .clear: field.clear()
        case .cutToLineStart: field.killToLineStart()
        case .cutToLineEnd: field.killToLineEnd()
        case .cutWordBackward: field.killWordBackward()
        case .left: field.moveLeft()
        case .right: field.moveRight()
        case .lineStart: field.moveToLineStart()
        case .lineEnd: field.moveToLineEnd()
        }
    }
}
