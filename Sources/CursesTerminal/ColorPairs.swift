import CNcursesw
import ScreenKit

/// Hands out ncurses colour pairs for (foreground, background) on first use.
struct ColorPairs {
    private var pairs: [UInt16: Int16] = [:]
    private var next: Int16 = 1
    let enabled: Bool

    init(enabled: Bool) {
        self.enabled = enabled
    }

    mutating func pair(for style: Style) -> Int16 {
        guard enabled, style.foreground != nil || style.background != nil else { return 0 }
        let key = UInt16(style.foreground.map { UInt16($0) + 1 } ?? 0) << 8 | UInt16(style.background.map { UInt16($0) + 1 } ?? 0)
        if let pair = pairs[key] { return pair }
        guard Int32(next) < kc_color_pairs() else { return 0 }
        let pair = next
        next += 1
        let colors = Int(kc_colors())
        let foreground = style.foreground.map { TerminalColor.number(for: $0, colors: colors) } ?? -1
        let background = style.background.map { TerminalColor.number(for: $0, colors: colors) } ?? -1
        // The extended call takes RGB numbers past 32767, which direct-colour terminals use.
        init_extended_pair(Int32(pair), foreground, background)
        pairs[key] = pair
        return pair
    }
}
