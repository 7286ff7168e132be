import ScreenKit

/// The styles the views draw with.
public struct Theme: Sendable {
    public var userHeader: Style
    public var assistantHeader: Style
    public var noticeHeader: Style
    public var errorHeader: Style
    public var body: Style
    public var reasoning: Style
    public var errorBody: Style
    public var noticeBody: Style
    public var marker: Style
    public var separator: Style
    public var prompt: Style
    public var statusBar: Style
    public var statusAccent: Style
    /// Words a search found, in the transcript and the conversation list.
    public var highlight: Style
    /// F3's other hits: the words marked more quietly than the hit shown.
    public var otherHit: Style
    public var selection: Style
    /// Secondary text in lists: models, dates, snippets.
    public var detail: Style
    public var heading: Style
    public var code: Style
    public var quote: Style
    public var link: Style

    public static let dark = Theme(
        userHeader: Style(foreground: PaletteColor.cyan, bold: true),
        assistantHeader: Style(foreground: PaletteColor.green, bold: true),
        noticeHeader: Style(foreground: PaletteColor.yellow, bold: true),
        errorHeader: Style(foreground: PaletteColor.red, bold: true),
        body: .plain,
        reasoning: Style(dim: true, italic: true),
        errorBody: Style(foreground: PaletteColor.red),
        noticeBody: Style(foreground: PaletteColor.yellow),
        marker: Style(foreground: PaletteColor.yellow, dim: true),
        separator: Style(dim: true),
        prompt: Style(foreground: PaletteColor.cyan, bold: true),
        statusBar: Style(reverse: true),
        statusAccent: Style(bold: true, reverse: true),
        highlight: Style(foreground: PaletteColor.black, background: PaletteColor.yellow, bold: true),
        otherHit: Style(foreground: PaletteColor.yellow, bold: true, underline: true),
        selection: Style(reverse: true),
        detail: Style(dim: true),
        heading: Style(foreground: PaletteColor.cyan, bold: true),
        code: Style(foreground: PaletteColor.green, background: PaletteColor.darkGrey),
        quote: Style(dim: true, italic: true),
        link: Style(foreground: PaletteColor.blue, underline: true)
    )

    /// For light backgrounds: darker accents, code on a pale background.
    public static let light = Theme(
        userHeader: Style(foreground: PaletteColor.blue, bold: true),
        assistantHeader: Style(foreground: PaletteColor.magenta, bold: true),
        noticeHeader: Style(foreground: PaletteColor.blue, bold: true),
        errorHeader: Style(foreground: PaletteColor.red, bold: true),
        body: .plain,
        reasoning: Style(dim: true, italic: true),
        errorBody: Style(foreground: PaletteColor.red),
        noticeBody: Style(foreground: PaletteColor.blue),
        marker: Style(foreground: PaletteColor.magenta, dim: true),
        separator: Style(dim: true),
        prompt: Style(foreground: PaletteColor.blue, bold: true),
        statusBar: Style(reverse: true),
        statusAccent: Style(bold: true, reverse: true),
        highlight: Style(foreground: PaletteColor.black, background: PaletteColor.yellow, bold: true),
        otherHit: Style(foreground: PaletteColor.blue, bold: true, underline: true),
        selection: Style(reverse: true),
        detail: Style(dim: true),
        heading: Style(foreground: PaletteColor.blue, bold: true),
        code: Style(foreground: PaletteColor.black, background: PaletteColor.paleGrey),
        quote: Style(dim: true, italic: true),
        link: Style(foreground: PaletteColor.blue, underline: true)
    )

    /// The theme named in the config file ("dark" or "light"); nil for another name.
    public static func named(_ name: String) -> Theme? {
        switch name.lowercased() {
        case "dark": return .dark
        case "light": return .light
        default: return nil
        }
    }

    /// For NO_COLOR: attributes only.
    public static let monochrome = Theme(
        userHeader: Style(bold: true),
        assistantHeader: Style(bold: true, underline: true),
        noticeHeader: Style(bold: true),
        errorHeader: Style(bold: true, reverse: true),
        body: .plain,
        reasoning: Style(dim: true),
        errorBody: .plain,
        noticeBody: .plain,
        marker: Style(dim: true),
        separator: Style(dim: true),
        prompt: Style(bold: true),
        statusBar: Style(reverse: true),
        statusAccent: Style(bold: true, reverse: true),
        highlight: Style(bold: true, underline: true),
        otherHit: Style(underline: true),
        selection: Style(reverse: true),
        detail: Style(dim: true),
        heading: Style(bold: true, underline: true),
        code: Style(bold: true),
        quote: Style(dim: true),
        link: Style(underline: true)
    )
}
