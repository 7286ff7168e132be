import ChatDomain
import ScreenKit

/// The whole app's logic: applies an action to the state and says which effects to run.
/// Pure: no clock, no I/O; everything it needs arrives in the action.
public func reduce(_ state: inout AppState, _ action: AppAction) -> [AppEffect] {
    switch action {
    case let .keyPressed(key):
        return reduceKey(&state, key)
    case let .textEntered(text):
        disarmQuit(&state)
        state.input.insert(text)
        return []
    case let .streamEvent(requestID, event):
        return reduceStreamEvent(&state, requestID, event)
    case let .streamEnded(requestID):
        return reduceStreamEnded(&state, requestID)
    case let .streamFailed(requestID, error):
        return reduceStreamFailed(&state, requestID, error)
    case let .transcriptMeasured(totalRows, viewportRows):
        state.transcriptRows = totalRows
        state.transcriptViewportRows = max(1, viewportRows)
        clampScroll(&state)
        return []
    case .tick:
        state.activeReply?.ticks += 1
        return []
    case .terminationRequested:
        return quit(&state)
    }
}

func quit(_ state: inout AppState) -> [AppEffect] {
    var effects: [AppEffect] = []
    if let reply = state.activeReply {
        effects += stopReply(&state, reply, status: .stopped)
    }
    state.isQuitting = true
    return effects + [.quit]
}
