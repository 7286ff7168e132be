@testable import ChatCore

extension Array where Element == AppEffect {
    /// The effects other than database saves, for tests about requests and keys.
    var withoutSaves: [AppEffect] {
        filter { if case .saveMessage = $0 { return false } else { return true } }
    }

    /// The saves, in order.
    var saves: [MessageSave] {
        compactMap { if case let .saveMessage(save) = $0 { return save } else { return nil } }
    }
}
