import ScreenKit

/// Keys as docs/keys.md and config.toml spell them (`Ctrl-G`, `Alt-Enter`, `Shift-Tab`,
/// `F5`, `Ctrl-X Ctrl-E`), read into keys and written back.
public enum KeySpelling {
    /// One key, or a Ctrl-X chord of two.
    public static func parse(_ text: String) -> Result<[Key], KeySpellingError> {
        let parts = text.split(separator: " ").map(String.init)
        guard (1...2).contains(parts.count) else {
            return .failure(KeySpellingError("“\(text)” is not a key: write one key (Ctrl-G) or a chord (Ctrl-X Ctrl-E)"))
        }
        var keys: [Key] = []
        for part in parts {
            switch key(part) {
            case let .success(key): keys.append(key)
            case let .failure(error): return .failure(error)
            }
        }
        return .success(keys)
    }

    private static let named: [String: Key] = [
        "enter": .enter, "return": .enter, "alt-enter": .altEnter, "tab": .tab, "shift-tab": .backTab,
        "esc": .escape, "escape": .escape, "backspace": .backspace, "del": .delete, "delete": .delete,
        "up": .up, "down": .down, "left": .left, "right": .right,
        "ctrl-up": .ctrlUp, "ctrl-down": .ctrlDown, "ctrl-left": .ctrlLeft, "ctrl-right": .ctrlRight,
        "alt-up": .altUp, "alt-down": .altDown, "alt-left": .altLeft, "alt-right": .altRight,
        "home": .home, "end": .end, "pgup": .pageUp, "pageup": .pageUp, "pgdn": .pageDown, "pagedown": .pageDown,
        "space": .character(" "),
    ]

    static func key(_ text: String) -> Result<Key, KeySpellingError> {
        let lowered = text.lowercased()
        if let key = named[lowered] { return .success(key) }
        if lowered.hasPrefix("f"), let number = Int(lowered.dropFirst()), (1...12).contains(number) {
            return .success(.function(number))
        }
        // Terminals send Shift with F1–F12 as F13–F24.
        if lowered.hasPrefix("shift-f"), let number = Int(lowered.dropFirst(7)), (1...12).contains(number) {
            return .success(.function(number + 12))
        }
        let pieces = text.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        // "Alt--" is Alt with the minus key.
        let last = text.hasSuffix("--") ? "-" : pieces.last ?? ""
        let modifiers = Set((text.hasSuffix("--") ? pieces.dropLast(2) : pieces.dropLast()).map { $0.lowercased() })
        let unknown = modifiers.subtracting(["ctrl", "alt", "shift"])
        guard unknown.isEmpty, last.count == 1, let character = last.first else {
            return .failure(KeySpellingError("“\(text)” is not a key name kimichat knows (Enter, Esc, Tab, Shift-Tab, "
                + "Backspace, Del, arrows, Home, End, PgUp, PgDn, F1–F12, Shift-F1–F12, Ctrl-A…Ctrl-Z, Alt- with a key)"))
        }
        let ctrl = modifiers.contains("ctrl")
        let alt = modifiers.contains("alt")
        let shift = modifiers.contains("shift")
        if ctrl, alt {
            return .failure(KeySpellingError("“\(text)”: terminals do not tell Ctrl-Alt keys apart reliably"))
        }
        if ctrl {
            guard !shift else {
                return .failure(KeySpellingError("“\(text)”: a terminal cannot send Ctrl with Shift (it arrives as "
                    + "Ctrl-\(character.uppercased()))"))
            }
            guard character.isLetter, character.isASCII else {
                return .failure(KeySpellingError("“\(text)”: a terminal sends Ctrl only with a letter"))
            }
            return .success(.ctrl(Character(character.lowercased())))
        }
        if shift, !character.isLetter {
            return .failure(KeySpellingError("“\(text)”: write the character Shift makes instead"))
        }
        // Alt-S is what the terminal sends for Alt and the s key (ESC s); Alt-Shift-S, ESC S.
        let letter: Character = shift ? Character(character.uppercased())
            : alt && character.isLetter ? Character(character.lowercased()) : character
        return .success(alt ? .alt(letter) : .character(letter))
    }

    /// How help and `kimichat keys` write a key.
    public static func label(_ key: Key) -> String {
        switch key {
        case let .character(character): return character == " " ? "Space" : String(character)
        case let .ctrl(character): return "Ctrl-" + character.uppercased()
        case let .alt(character): return "Alt-" + String(character)
        case .enter: return "Enter"
        case .altEnter: return "Alt-Enter"
        case .tab: return "Tab"
        case .backTab: return "Shift-Tab"
        case .escape: return "Esc"
        case .backspace: return "Backspace"
        case .delete: return "Del"
        case .up: return "Up"
        case .down: return "Down"
        case .left: return "Left"
        case .right: return "Right"
        case .ctrlUp: return "Ctrl-Up"
        case .ctrlDown: return "Ctrl-Down"
        case .ctrlLeft: return "Ctrl-Left"
        case .ctrlRight: return "Ctrl-Right"
        case .altUp: return "Alt-Up"
        case .altDown: return "Alt-Down"
        case .altLeft: return "Alt-Left"
        case .altRight: return "Alt-Right"
        case .home: return "Home"
        case .end: return "End"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case let .function(number): return number > 12 ? "Shift-F\(number - 12)" : "F\(number)"
        case .pasteBegin, .pasteEnd: return "paste"
        case .wheelUp: return "wheel up"
        case .wheelDown: return "wheel down"
        }
    }
}

public struct KeySpellingError: Error, Sendable, Equatable {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }
}
