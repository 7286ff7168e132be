import ChatDomain
import ScreenKit

/// Something that happened, named as a fact. The reducer decides what it means.
public enum AppAction: Sendable, Equatable {
    case keyPressed(Key)
    /// Characters typed or pasted in one go (the runtime merges consecutive character
    /// keys, so a large paste is one action, not one per character).
    case textEntered(String)
    case streamEvent(RequestID, StreamEvent)
    /// The reply stream ended without an error (whether or not `[DONE]` came).
    case streamEnded(RequestID)
    case streamFailed(RequestID, ChatError)
    /// The view laid the transcript out: its height and the pane's height, in rows.
    case transcriptMeasured(totalRows: Int, viewportRows: Int)
    /// A spinner tick while a reply streams.
    case tick
    /// SIGTERM, SIGHUP, SIGINT: leave cleanly.
    case terminationRequested
}

/// Work the reducer asks the runtime to do.
public enum AppEffect: Sendable, Equatable {
    case startReply(RequestID, ChatRequest)
    case cancelReply(RequestID)
    case quit
}
