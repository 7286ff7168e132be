import ChatCore

/// Owns the app state. Actions go in; the reducer's effects come out for the runtime to run.
@MainActor
public final class Store {
    public private(set) var state: AppState
    /// Bumped by every action, so the loop knows to draw. Comparing the state before
    /// and after would keep a second reference to it, and then every edit would copy
    /// the input and the streaming text: quadratic on a large paste. An action that
    /// changed nothing costs one frame whose diff writes nothing.
    public private(set) var revision = 0

    public init(state: AppState) {
        self.state = state
    }

    public func send(_ action: AppAction) -> [AppEffect] {
        revision &+= 1
        return reduce(&state, action)
    }

    /// For an action that often changes nothing on screen (a spinner tick while the
    /// answer streams): the caller decides, and calls `markChanged` if it did.
    func sendUnmarked(_ action: AppAction) -> [AppEffect] {
        reduce(&state, action)
    }

    func markChanged() {
        revision &+= 1
    }
}
