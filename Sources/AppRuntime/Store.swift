import ChatCore

/// Owns the app state. Actions go in; the reducer's effects come out for the runtime to run.
@MainActor
public final class Store {
    public private(set) var state: AppState
    /// Bumped whenever an action changed the state, so the loop knows to draw.
    public private(set) var revision = 0

    public init(state: AppState) {
        self.state = state
    }

    public func send(_ action: AppAction) -> [AppEffect] {
        let before = state
        let effects = reduce(&state, action)
        if state != before { revision &+= 1 }
        return effects
    }
}
