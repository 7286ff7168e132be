import PropertyBased
import Testing
@testable import TextLayout

/// Wrapping checked over generated text built from the hard cases: CJK, fullwidth forms,
/// combining marks, ZWJ emoji, skin tones, flags, tabs, long URLs, closing punctuation.
/// Widths start at 8: terminals measure each code point, so one cluster can be wider
/// than a tiny pane (👍🏽 is four columns) and cannot be shown whole there at all — the
/// frame clips it; the pane is never narrower than 20 columns.
@Suite("Wrapping properties")
struct WrappingPropertyTests {
    static let pieces = [
        "a", "word", " ", "  ", "中", "文字", "，", "。", "」", "e\u{301}", "👩‍💻", "👍🏽", "🇨🇳", "\t", "ＡＢ",
        "https://example.com/a/very/long/path?with=query", "x", "-", "\u{200B}", "한국어", "かな",
    ]


    @Test func noRowIsWiderThanTheWidth() async {
        let texts = Gen<String?>.element(of: Self.pieces).map { $0 ?? "" }.array(of: 0...40).map { $0.joined() }
        await propertyCheck(count: 400, input: texts, Gen.int(in: 8...40)) { text, width in
            for line in TextWrapper.wrap(text, width: width) {
                #expect(DisplayWidth.of(line) <= width, "“\(line)” at width \(width)")
            }
        }
    }

    @Test func theRowsGiveBackTheTextButTheSpacesAtBreaks() async {
        let texts = Gen<String?>.element(of: Self.pieces).map { $0 ?? "" }.array(of: 0...40).map { $0.joined() }
        await propertyCheck(count: 400, input: texts, Gen.int(in: 8...40)) { text, width in
            let lines = TextWrapper.wrap(text, width: width)
            let kept = lines.flatMap { Array($0) }.filter { !$0.isWhitespace }
            #expect(kept == Array(text).filter { !$0.isWhitespace }, "at width \(width)")
        }
    }

    @Test func noCharacterIsSplitAcrossRows() async {
        // Each row holds whole grapheme clusters: a row's characters are characters of the text.
        let texts = Gen<String?>.element(of: Self.pieces).map { $0 ?? "" }.array(of: 0...40).map { $0.joined() }
        await propertyCheck(count: 400, input: texts, Gen.int(in: 8...40)) { text, width in
            let characters = Set(text)
            for line in TextWrapper.wrap(text, width: width) {
                for character in line where character != " " {
                    #expect(characters.contains(character), "“\(character)” is a piece of a split cluster")
                }
            }
        }
    }

    @Test func styledWrappingAgreesWithPlainWrapping() async {
        let runs = Gen<String?>.element(of: Self.pieces).map { $0 ?? "" }.array(of: 1...20)
        await propertyCheck(count: 200, input: runs, Gen.int(in: 8...40)) { pieces, width in
            let styled = pieces.enumerated().map { InlineRun($1, $0.isMultiple(of: 2) ? .bold : []) }
            let plain = TextWrapper.wrap(pieces.joined().replacingTabs, width: width)
            #expect(StyledWrap.wrap(styled, width: width).map { $0.map(\.text).joined() } == plain)
        }
    }
}

private extension String {
    var replacingTabs: String {
        String(flatMap { $0 == "\t" ? Array(repeating: Character(" "), count: TextWrapper.tabWidth) : [$0] })
    }
}
