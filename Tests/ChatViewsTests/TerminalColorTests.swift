import ScreenKit
import Testing

@Suite("Colours on 8-colour, 256-colour and direct-colour terminals")
struct TerminalColorTests {
    @Test("the basic colours pass unchanged everywhere")
    func basic() {
        for index in UInt8(0)..<8 {
            for colors in [8, 16, 256, 0x100_0000] {
                #expect(TerminalColor.number(for: index, colors: colors) == Int32(index))
            }
        }
    }

    @Test("past the palette, the nearest basic colour", arguments: [
        (PaletteColor.darkGrey, PaletteColor.black), (PaletteColor.paleGrey, PaletteColor.white),
        (UInt8(196), PaletteColor.red), (UInt8(46), PaletteColor.green), (UInt8(21), PaletteColor.blue),
    ])
    func nearest(index: UInt8, basic: UInt8) {
        #expect(TerminalColor.number(for: index, colors: 8) == Int32(basic))
        #expect(TerminalColor.number(for: index, colors: 256) == Int32(index))
    }

    @Test("a direct-colour terminal gets the palette entry's RGB value")
    func direct() {
        #expect(TerminalColor.number(for: PaletteColor.darkGrey, colors: 0x100_0000) == 0x303030)
        #expect(TerminalColor.number(for: 16 + 36 * 5, colors: 0x100_0000) == 0xFF0000)
        #expect(TerminalColor.number(for: 9, colors: 0x100_0000) == 0xFF0000)
        #expect(TerminalColor.rgb(of: 255) == 0xEEEEEE)
    }
}
