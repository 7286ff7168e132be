import ChatDomain

/// A model chosen with Ctrl-T for one open conversation.
public struct PickerChoice: Sendable, Equatable {
    public var conversationKey: Int
    public var model: String
}

/// The model picker overlay (Ctrl-T): a filter over the model lineup.
public struct ModelPicker: Sendable, Equatable {
    public var filter = InputBuffer()
    /// The lineup filtered and ranked, best first.
    public var shown: [ModelInfo]
    public var selection = 0
    /// A quiet word about the list: fetching, or why the endpoint's list is missing.
    public var note: String?
    /// A model the endpoint does not offer, chosen once: Enter again uses it anyway. The
    /// warning shows instead of `note` until the selection or the filter changes.
    var unofferedWarned: String?
    public var warning: String?

    /// Whether the endpoint's own list is known (then a model not on it is dimmed):
    /// without it, every model is merely not known to be offered.
    public var knowsOffered: Bool

    public var selected: ModelInfo? { shown.indices.contains(selection) ? shown[selection] : nil }

    mutating func forgetWarning() {
        unofferedWarned = nil
        warning = nil
    }

    public init(models: [ModelInfo], current: String, note: String?) {
        shown = models
        selection = models.firstIndex { $0.id == current } ?? 0
        self.note = note
        knowsOffered = models.contains(where: \.isOffered)
    }

    /// Moves the selection; a page is `page` models (one row each).
    mutating func move(_ move: SelectionMove, page: Int) {
        selection = move.applied(to: selection, count: shown.count, page: page)
        forgetWarning()
    }
}
