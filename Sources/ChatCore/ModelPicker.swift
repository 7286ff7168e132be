import ChatDomain

/// The model picker overlay (Ctrl-T): a filter over the model lineup.
public struct ModelPicker: Sendable, Equatable {
    public var filter = InputBuffer()
    /// The lineup filtered and ranked, best first.
    public var shown: [ModelInfo]
    public var selection = 0
    /// A quiet word about the list: fetching, or why the endpoint's list is missing.
    public var note: String?

    public init(models: [ModelInfo], current: String, note: String?) {
        shown = models
        selection = models.firstIndex { $0.id == current } ?? 0
        self.note = note
    }

    public var selected: ModelInfo? { shown.indices.contains(selection) ? shown[selection] : nil }

    /// Moves the selection; a page is `page` models (one row each).
    mutating func move(_ move: SelectionMove, page: Int) {
        selection = move.applied(to: selection, count: shown.count, page: page)
    }
}
