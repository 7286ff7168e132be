import ScreenKit

/// An action a `[keys.CONTEXT]` table can name.
public protocol NamedAction: Sendable, Equatable {
    var name: String { get }
}

/// One overlay's keys as this run has them: its standard table with `[keys.CONTEXT]`
/// of config.toml applied. Dispatch, its footer and help read this one.
public struct ContextKeyTable<Action: NamedAction>: Sendable, Equatable {
    public private(set) var bindings: [KeyBinding<Action>]
    /// What in this context cannot be a key: typed letters go to a filter or a field.
    let refuses: @Sendable (Key) -> String?

    init(_ bindings: [KeyBinding<Action>], refuses: @escaping @Sendable (Key) -> String? = { _ in nil }) {
        self.bindings = bindings
        self.refuses = refuses
    }

    public static func == (lhs: ContextKeyTable, rhs: ContextKeyTable) -> Bool { lhs.bindings == rhs.bindings }

    public func command(for key: Key) -> Action? {
        bindings.first { $0.key == key }?.command
    }

    /// Every action name the table takes, in its order.
    public var actionNames: [String] {
        var names: [String] = []
        for binding in bindings where !names.contains(binding.command.name) { names.append(binding.command.name) }
        return names
    }

    /// The table with `overrides` applied: each named action gets exactly the keys given.
    public func rebinding(_ overrides: [ChatKeyTable.Override], context: String) throws(KeyBindingError)
        -> ContextKeyTable {
        var table = self
        for override in overrides {
            guard let command = bindings.first(where: { $0.command.name == override.name })?.command else {
                throw KeyBindingError(line: override.line, message: "no action is named “\(override.name)” in "
                    + "[keys.\(context)] (known: \(actionNames.joined(separator: ", ")))")
            }
            var keys: [Key] = []
            for spelling in override.keys {
                switch KeySpelling.parse(spelling) {
                case let .success(parsed) where parsed.count == 1:
                    if let reason = refuses(parsed[0]) {
                        throw KeyBindingError(line: override.line, message: "\(KeySpelling.label(parsed[0])) \(reason)")
                    }
                    keys.append(parsed[0])
                case .success:
                    throw KeyBindingError(line: override.line, message: "\(override.name) takes a single key, not a chord")
                case let .failure(error):
                    throw KeyBindingError(line: override.line, message: error.message)
                }
            }
            table.bindings = ChatKeyTable.replacing(command, in: table.bindings, with: keys, label: KeySpelling.label)
        }
        try ChatKeyTable.checkConflicts(table.bindings, overrides, place: " in [keys.\(context)]", advice: "") { $0.name }
        return table
    }
}

/// What typed characters do where letters filter or fill a field.
private let typedGoesIn: @Sendable (Key) -> String? = { key in
    switch key {
    case .character, .ctrl("m"), .ctrl("i"): return "goes into the text as typed there: give it Ctrl or Alt"
    default: return nil
    }
}

/// Every overlay's table, by the name `[keys.NAME]` uses.
public struct OverlayKeyTables: Sendable, Equatable {
    public var list = ContextKeyTable(ListKeyMap.bindings, refuses: typedGoesIn)
    public var rename = ContextKeyTable(RenameKeyMap.bindings, refuses: typedGoesIn)
    public var picker = ContextKeyTable(PickerKeyMap.bindings, refuses: typedGoesIn)
    public var outline = ContextKeyTable(OutlineKeyMap.bindings, refuses: typedGoesIn)
    public var help = ContextKeyTable(HelpKeyMap.bindings)
    public var attach = ContextKeyTable(PathPromptKeyMap.bindings, refuses: typedGoesIn)
    public var settings = ContextKeyTable(SettingsKeyMap.bindings)
    public var settingsField = ContextKeyTable(SettingsKeyMap.fieldBindings, refuses: typedGoesIn)
    public var presets = ContextKeyTable(PresetChooserKeyMap.bindings)
    public var find = ContextKeyTable(FindKeyMap.bindings, refuses: typedGoesIn)

    public static let standard = OverlayKeyTables()

    /// The `[keys.NAME]` tables there are.
    public static let contexts = ["list", "rename", "picker", "outline", "help", "attach", "settings", "settings_field",
                                  "presets", "find"]

    /// `overrides` applied to the table `[keys.context]` names.
    public func rebinding(_ context: String, _ overrides: [ChatKeyTable.Override], line: Int) throws(KeyBindingError)
        -> OverlayKeyTables {
        var tables = self
        switch context {
        case "list": tables.list = try list.rebinding(overrides, context: context)
        case "rename": tables.rename = try rename.rebinding(overrides, context: context)
        case "picker": tables.picker = try picker.rebinding(overrides, context: context)
        case "outline": tables.outline = try outline.rebinding(overrides, context: context)
        case "help": tables.help = try help.rebinding(overrides, context: context)
        case "attach": tables.attach = try attach.rebinding(overrides, context: context)
        case "settings": tables.settings = try settings.rebinding(overrides, context: context)
        case "settings_field": tables.settingsField = try settingsField.rebinding(overrides, context: context)
        case "presets": tables.presets = try presets.rebinding(overrides, context: context)
        case "find": tables.find = try find.rebinding(overrides, context: context)
        default:
            throw KeyBindingError(line: line, message: "there is no [keys.\(context)] (there are: "
                + Self.contexts.joined(separator: ", ") + ")")
        }
        return tables
    }
}
