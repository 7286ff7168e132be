import ScreenKit

/// A footer's key hints, written from a key table: the bindings that carry a hint, in
/// table order, keys sharing a hint together ("Enter use · ↑↓ PgUp PgDn move"). A
/// binding given a hint shows up in its footer with nothing else to change.
public enum KeyHints {
    /// "Enter open · Esc close": the hinted bindings whose command `shows`.
    public static func line<Action>(_ bindings: [KeyBinding<Action>],
                                    showing shows: (Action) -> Bool = { _ in true }) -> String {
        var groups: [(hint: String, keys: [Key], labels: [String])] = []
        for binding in bindings {
            guard let hint = binding.hint, shows(binding.command) else { continue }
            if let index = groups.firstIndex(where: { $0.hint == hint }) {
                groups[index].keys.append(binding.key)
                groups[index].labels.append(binding.label)
            } else {
                groups.append((hint, [binding.key], [binding.label]))
            }
        }
        return groups.map { keys($0.keys, labels: $0.labels) + " " + $0.hint }.joined(separator: " · ")
    }

    /// The label a footer gives the first binding of `command`: "Esc" in "Esc cancels".
    public static func label<Action>(of command: Action, in bindings: [KeyBinding<Action>]) -> String? {
        bindings.first { $0.command == command }?.label
    }

    /// A group's keys, short: the arrows as one "↑↓", the rest by their labels.
    private static func keys(_ keys: [Key], labels: [String]) -> String {
        var words: [String] = []
        for (key, label) in zip(keys, labels) {
            let arrow = key == .up ? "↑" : key == .down ? "↓" : nil
            if let arrow, let last = words.last, last == "↑" || last == "↓" {
                words[words.count - 1] = last + arrow
            } else {
                words.append(arrow ?? label)
            }
        }
        return words.joined(separator: " ")
    }
}
