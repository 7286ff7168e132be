/// How a colour from the 256-colour palette (what `Style` holds) is named to a
/// terminal that has fewer colours, or one that takes RGB values directly.
public enum TerminalColor {
    /// The number ncurses needs for palette `index` on a terminal reporting `colors`.
    /// On 8- and 16-colour terminals a colour past the palette becomes the nearest one
    /// it has; on direct-colour terminals (colors = 2^24, as xterm-direct reports)
    /// colour numbers from 8 up are RGB values, so the palette entry is sent as one.
    public static func number(for index: UInt8, colors: Int) -> Int32 {
        if colors >= 0x100_0000 {
            return index < 8 ? Int32(index) : Int32(bitPattern: rgb(of: index))
        }
        if Int(index) < colors { return Int32(index) }
        return Int32(nearest(to: rgb(of: index), among: min(max(colors, 8), 16)))
    }

    /// The xterm default RGB value (0xRRGGBB) of a 256-colour palette entry.
    public static func rgb(of index: UInt8) -> UInt32 {
        switch index {
        case 0..<16:
            return systemColors[Int(index)]
        case 16..<232:
            let cube = Int(index) - 16
            let levels: [UInt32] = [0, 95, 135, 175, 215, 255]
            return levels[cube / 36] << 16 | levels[cube / 6 % 6] << 8 | levels[cube % 6]
        default:
            let grey = 8 + 10 * (UInt32(index) - 232)
            return grey << 16 | grey << 8 | grey
        }
    }

    private static let systemColors: [UInt32] = [
        0x000000, 0xCD0000, 0x00CD00, 0xCDCD00, 0x0000EE, 0xCD00CD, 0x00CDCD, 0xE5E5E5,
        0x7F7F7F, 0xFF0000, 0x00FF00, 0xFFFF00, 0x5C5CFF, 0xFF00FF, 0x00FFFF, 0xFFFFFF,
    ]

    private static func nearest(to rgb: UInt32, among count: Int) -> Int {
        func distance(_ a: UInt32, _ b: UInt32) -> Int {
            let parts = [16, 8, 0].map { shift in Int(a >> UInt32(shift) & 0xFF) - Int(b >> UInt32(shift) & 0xFF) }
            return parts.reduce(0) { $0 + $1 * $1 }
        }
        return (0..<count).min { distance(systemColors[$0], rgb) < distance(systemColors[$1], rgb) } ?? 0
    }
}
