import Foundation

/// OSC 52: asks the terminal to put text on the system clipboard. It travels with the
/// terminal's own output, so it works over SSH; tmux passes it on (with
/// `set-clipboard on`, its default in most setups, it also keeps a paste buffer).
public enum ClipboardSequence {
    /// Terminals refuse very long sequences (xterm's limit is about 100 kB); the text is
    /// cut to fit, and the caller says so.
    public static let maximumEncodedBytes = 99_000
    /// How many bytes of UTF-8 text fit (base64 makes three bytes four).
    public static let capacity = maximumEncodedBytes / 4 * 3

    /// The sequence for `text`, and whether all of it fit.
    public static func osc52(_ text: String) -> (sequence: String, isComplete: Bool) {
        var data = Data(text.utf8)
        var isComplete = true
        if data.count > capacity {
            isComplete = false
            var cut = capacity
            // Cut on a character boundary: never mid-way through a UTF-8 sequence.
            while cut > 0, data[cut] & 0xC0 == 0x80 { cut -= 1 }
            data = data.prefix(cut)
        }
        return ("\u{1B}]52;c;" + data.base64EncodedString() + "\u{07}", isComplete)
    }
}
