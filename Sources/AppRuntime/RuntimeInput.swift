import ChatCore
import ScreenKit

/// Everything that can wake the main loop.
enum RuntimeInput: Sendable {
    case terminal(TerminalEvent)
    case action(AppAction)
    /// The frame scheduler says it is time to draw.
    case frameDue
}
