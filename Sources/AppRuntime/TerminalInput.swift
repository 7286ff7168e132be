import ChatCore
import ScreenKit

enum TerminalInput {
    /// Keys as the store takes them: runs of characters become one `.textEntered`, so
    /// a large paste is one action rather than one per character.
    static func actions(for keys: [Key]) -> [AppAction] {
        var actions: [AppAction] = []
        var text = ""
        for key in keys {
            if case let .character(character) = key {
                text.append(character)
                continue
            }
            if !text.isEmpty {
                actions.append(.textEntered(text))
                text = ""
            }
            actions.append(.keyPressed(key))
        }
        if !text.isEmpty { actions.append(.textEntered(text)) }
        return actions
    }
}
