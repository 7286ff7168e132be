import Foundation
import ScreenKit

/// The chat's keys and the keys after its chord key, as this run has them: the standard
/// tables (`KeyMap`, `ChordKeyMap`) with `[keys]` of config.toml applied. Dispatch, the
/// status bar's hints, help and `kimichat keys` all read this one.
public struct ChatKeyTable: Sendable, Equatable {
    public private(set) var bindings: [KeyBinding<Command>] { didSet { hints = Self.hints(bindings) } }
    public private(set) var chordBindings: [KeyBinding<ChordCommand>]
    /// The status bar's hints, idle and while a reply streams: drawn every frame, so
    /// written once per table.
    public private(set) var hints: (idle: String, streaming: String, stop: String)

    init(bindings: [KeyBinding<Command>], chordBindings: [KeyBinding<ChordCommand>]) {
        self.bindings = bindings
        self.chordBindings = chordBindings
        hints = Self.hints(bindings)
    }

    public static let standard = ChatKeyTable(bindings: KeyMap.bindings, chordBindings: ChordKeyMap.bindings)

    public static func == (lhs: ChatKeyTable, rhs: ChatKeyTable) -> Bool {
        lhs.bindings == rhs.bindings && lhs.chordBindings == rhs.chordBindings
    }

    private static func hints(_ bindings: [KeyBinding<Command>]) -> (idle: String, streaming: String, stop: String) {
        func line(streaming: Bool) -> String {
            KeyHints.line(bindings) { command in
                switch command {
                case .send: return !streaming
                case .stopOrClose: return streaming
                default: return true
                }
            }
        }
        return (line(streaming: false), line(streaming: true), KeyHints.label(of: .stopOrClose, in: bindings) ?? "Esc")
    }

    /// "Ctrl-X: Ctrl-E editor · F fork · …", from this table's chord keys.
    public var chordPrompt: String {
        guard self != .standard else { return ChordKeyMap.prompt }
        let prefix = bindings.first { $0.command == .beginChord }?.label ?? "Ctrl-X"
        var parts: [String] = []
        var seen: [ChordCommand] = []
        for binding in chordBindings where !seen.contains(binding.command) {
            seen.append(binding.command)
            let second = binding.label.split(separator: " ").dropFirst().joined(separator: " ")
            parts.append(second + " " + binding.command.name.replacingOccurrences(of: "_", with: " "))
        }
        return prefix + ": " + parts.joined(separator: " · ") + "."
    }

    public func command(for key: Key) -> Command? {
        bindings.first { $0.key == key }?.command
    }

    public func chordCommand(for key: Key) -> ChordCommand? {
        chordBindings.first { $0.key == key }?.command
    }

    /// One line of `[keys]`: an action's name, its keys as written, and where.
    public struct Override: Sendable, Equatable {
        public var name: String
        public var keys: [String]
        public var line: Int

        public init(name: String, keys: [String], line: Int) {
            self.name = name
            self.keys = keys
            self.line = line
        }
    }

    /// Every action name `[keys]` takes, in table order.
    public static var actionNames: [String] {
        var names: [String] = []
        for name in KeyMap.bindings.map(\.command.name) + ChordKeyMap.bindings.map(\.command.name)
            where !names.contains(name) { names.append(name) }
        return names
    }

    /// The table with `overrides` applied: each named action gets exactly the keys given.
    /// An unknown name or key, a key no terminal sends, or two actions on one key is
    /// refused with the line to fix.
    public func rebinding(_ overrides: [Override]) throws(KeyBindingError) -> ChatKeyTable {
        var table = self
        // Plain actions first: a chord is spelled with the chord key they leave.
        let sorted = overrides.filter { !Self.isChord($0.name) } + overrides.filter { Self.isChord($0.name) }
        for override in sorted {
            let parsed = try Self.keys(of: override)
            if let command = KeyMap.bindings.first(where: { $0.command.name == override.name })?.command {
                guard parsed.allSatisfy({ $0.count == 1 }) else {
                    throw KeyBindingError(line: override.line, message: "\(override.name) takes a single key, not a chord")
                }
                if let typing = parsed.first(where: { Self.goesIntoTheMessage($0[0]) }) {
                    throw KeyBindingError(line: override.line, message: "\(KeySpelling.label(typing[0])) goes into the "
                        + "message as typed: give \(override.name) a key with Ctrl or Alt, or a named key")
                }
                table.bindings = Self.replacing(command, in: table.bindings, with: parsed.map { $0[0] }) {
                    KeySpelling.label($0)
                }
            } else if let command = ChordKeyMap.bindings.first(where: { $0.command.name == override.name })?.command {
                let chordKey = table.bindings.first { $0.command == .beginChord }?.key
                let prefix = chordKey.map(KeySpelling.label) ?? "the chord key"
                guard parsed.allSatisfy({ $0.count == 2 && $0[0] == chordKey }) else {
                    throw KeyBindingError(line: override.line, message: "\(override.name) follows the chord key: write "
                        + "it as \"\(prefix) <key>\"")
                }
                // A letter after the chord key works with or without Shift, as the standard ones do.
                let seconds = parsed.flatMap { keys -> [Key] in
                    guard case let .character(letter) = keys[1], letter.isLetter else { return [keys[1]] }
                    return [.character(Character(letter.lowercased())), .character(Character(letter.uppercased()))]
                }
                table.chordBindings = Self.replacing(command, in: table.chordBindings, with: seconds) { key in
                    if case let .character(letter) = key { return prefix + " " + letter.uppercased() }
                    return prefix + " " + KeySpelling.label(key)
                }
            } else {
                throw KeyBindingError(line: override.line, message: "no action is named “\(override.name)” (the names "
                    + "are in docs/keys.md and `kimichat keys`)")
            }
        }
        table.relabelChords()
        try Self.checkConflicts(table.bindings, overrides) { $0.name }
        try Self.checkConflicts(table.chordBindings, overrides) { $0.name }
        return table
    }

    /// Keys the input takes before any action: typed characters, Tab; and what the
    /// terminal turns into Enter and Tab (Ctrl-M, Ctrl-I).
    private static func goesIntoTheMessage(_ key: Key) -> Bool {
        switch key {
        case .character, .tab, .ctrl("m"), .ctrl("i"): return true
        default: return false
        }
    }

    /// The chord bindings' labels with this table's chord key ("Ctrl-G F" once it moved).
    private mutating func relabelChords() {
        guard let prefix = bindings.first(where: { $0.command == .beginChord })?.label else { return }
        chordBindings = chordBindings.map { binding in
            let second = binding.label.split(separator: " ").dropFirst().joined(separator: " ")
            return KeyBinding(key: binding.key, command: binding.command, label: prefix + " " + second,
                              summary: binding.summary, hint: binding.hint)
        }
    }

    private static func isChord(_ name: String) -> Bool {
        ChordKeyMap.bindings.contains { $0.command.name == name }
    }

    private static func keys(of override: Override) throws(KeyBindingError) -> [[Key]] {
        guard !override.keys.isEmpty else {
            throw KeyBindingError(line: override.line, message: "\(override.name) needs at least one key")
        }
        var keys: [[Key]] = []
        for spelling in override.keys {
            switch KeySpelling.parse(spelling) {
            case let .success(parsed): keys.append(parsed)
            case let .failure(error): throw KeyBindingError(line: override.line, message: error.message)
            }
        }
        return keys
    }

    /// `command`'s bindings replaced by `keys`, where the first of them stood.
    static func replacing<Action>(_ command: Action, in bindings: [KeyBinding<Action>], with keys: [Key],
                                          label: (Key) -> String) -> [KeyBinding<Action>] {
        guard let first = bindings.firstIndex(where: { $0.command == command }) else { return bindings }
        let template = bindings[first]
        var result = bindings
        // The mouse wheel cannot be spelled in config.toml: it stays with its action.
        result.removeAll { $0.command == command && $0.key != .wheelUp && $0.key != .wheelDown }
        let added = keys.enumerated().map { index, key in
            KeyBinding(key: key, command: command, label: label(key), summary: template.summary,
                       hint: index == 0 ? template.hint : nil)
        }
        result.insert(contentsOf: added, at: min(first, result.count))
        return result
    }

    /// A key two actions of one table would share is refused, with the line of the
    /// override that made it so; `place` says which table (" in [keys.list]").
    static func checkConflicts<Action>(_ bindings: [KeyBinding<Action>], _ overrides: [Override], place: String = "",
                                       advice: String = " (give the other one a key of its own)",
                                       name: (Action) -> String) throws(KeyBindingError) {
        for (index, binding) in bindings.enumerated() {
            guard let other = bindings[..<index].first(where: { $0.key == binding.key && $0.command != binding.command })
            else { continue }
            let names = [name(other.command), name(binding.command)]
            let line = overrides.last { names.contains($0.name) }?.line ?? 1
            throw KeyBindingError(line: line, message: "\(binding.label) would do two things\(place): \(names[0]) and "
                + "\(names[1])\(advice)")
        }
    }
}

/// A `[keys]` line kimichat cannot use, with its line.
public struct KeyBindingError: Error, Sendable, Equatable {
    public var line: Int
    public var message: String
}
