/// How a cell looks. Colours are palette indexes (0–255); nil is the terminal's own.
public struct Style: Hashable, Sendable {
    public var foreground: UInt8?
    public var background: UInt8?
    public var bold = false
    public var dim = false
    public var italic = false
    public var underline = false
    public var reverse = false

    public init(foreground: UInt8? = nil, background: UInt8? = nil, bold: Bool = false, dim: Bool = false,
                italic: Bool = false, underline: Bool = false, reverse: Bool = false) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.dim = dim
        self.italic = italic
        self.underline = underline
        self.reverse = reverse
    }

    public static let plain = Style()
}

/// Colours by palette index: the eight ANSI colours, and the 256-colour entries the themes use.
public enum PaletteColor {
    public static let black: UInt8 = 0
    public static let red: UInt8 = 1
    public static let green: UInt8 = 2
    public static let yellow: UInt8 = 3
    public static let blue: UInt8 = 4
    public static let magenta: UInt8 = 5
    public static let cyan: UInt8 = 6
    public static let white: UInt8 = 7
    /// From the 256-colour palette: backgrounds for code that differ from the
    /// terminal's own. 8-colour terminals get the nearest of their colours instead.
    public static let darkGrey: UInt8 = 236
    public static let paleGrey: UInt8 = 254
}
