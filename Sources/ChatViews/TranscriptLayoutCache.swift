import ChatCore
import ScreenKit

/// Remembers each message's wrapped lines between frames, so that a frame re-lays
/// out only the messages that changed (in practice: the one streaming).
public final class TranscriptLayoutCache {
    private var layouts: [Int: MessageLayout] = [:]
    /// How many message layouts were recomputed, for tests and benchmarks.
    public private(set) var relayouts = 0

    public init() {}

    func lines(for message: TranscriptMessage, width: Int, theme: Theme) -> [StyledLine] {
        var layout = layouts[message.id] ?? MessageLayout()
        if layout.version != message.version || layout.width != width {
            layout.update(message, width: width, theme: theme)
            relayouts += 1
            layouts[message.id] = layout
        }
        return layout.lines
    }

    /// Drops layouts of messages that are gone. Every message has a layout after a frame,
    /// so more layouts than messages is the only sign of removal: the common frame pays nothing.
    func retain(_ messages: [TranscriptMessage]) {
        guard layouts.count > messages.count else { return }
        let ids = Set(messages.map(\.id))
        layouts = layouts.filter { ids.contains($0.key) }
    }
}
