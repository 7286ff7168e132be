/// A key press, decoded from the terminal into names the rest of the app uses.
public enum Key: Hashable, Sendable {
    case character(Character)
    case ctrl(Character)
    case alt(Character)
    case enter
    case altEnter
    case tab
    case backTab
    case escape
    case backspace
    case delete
    case up, down, left, right
    case ctrlUp, ctrlDown, ctrlLeft, ctrlRight
    case altUp, altDown, altLeft, altRight
    case home, end, pageUp, pageDown
    case function(Int)
    case pasteBegin, pasteEnd
    case wheelUp, wheelDown
}
