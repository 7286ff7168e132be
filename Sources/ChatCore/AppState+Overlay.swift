/// The overlay states, changed where they live. `overlay` holds each as an enum
/// payload, which Swift cannot edit in place: these lend it out for one change and put
/// it straight back (the overlay is emptied meanwhile, so the lent copy is the only one
/// and its arrays are not copied). A reducer never keeps a copy to write back later.
extension AppState {
    /// The conversation list, when it is open.
    public var conversationList: ConversationList? {
        if case let .conversations(list) = overlay { return list }
        return nil
    }

    /// The model picker, when it is open.
    public var modelPicker: ModelPicker? {
        if case let .models(picker) = overlay { return picker }
        return nil
    }

    /// Applies `change` to the open conversation list; nil, and nothing done, when it is closed.
    @discardableResult
    mutating func withConversationList<Result>(_ change: (inout ConversationList) -> Result) -> Result? {
        guard case var .conversations(list) = overlay else { return nil }
        overlay = nil
        let result = change(&list)
        overlay = .conversations(list)
        return result
    }

    /// Applies `change` to the open model picker; nil, and nothing done, when it is closed.
    @discardableResult
    mutating func withModelPicker<Result>(_ change: (inout ModelPicker) -> Result) -> Result? {
        guard case var .models(picker) = overlay else { return nil }
        overlay = nil
        let result = change(&picker)
        overlay = .models(picker)
        return result
    }
}
