import ChatCore
import ScreenKit

/// Remembers each message's wrapped lines between frames, so that a frame re-lays
/// out only the messages that changed (in practice: the one streaming), and a long
/// conversation is laid out only as far as it is looked at.
public final class TranscriptLayoutCache {
    private var layouts: [Int: MessageLayout] = [:]
    private var epoch = -1
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

    /// Forgets every layout when the transcript was replaced (another conversation opened).
    func prepare(for state: AppState) {
        guard state.transcriptEpoch != epoch else { return }
        epoch = state.transcriptEpoch
        layouts.removeAll(keepingCapacity: true)
    }

    /// How many messages have a layout: only those that were on screen or scrolled past.
    public var laidOutMessages: Int { layouts.count }
}
