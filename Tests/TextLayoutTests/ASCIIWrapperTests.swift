import PropertyBased
import Testing
@testable import TextLayout

/// The byte-wise wrapper for ASCII paragraphs must give exactly the rows of the general one.
@Suite("ASCII wrapping")
struct ASCIIWrapperTests {
    static let pieces = [
        "a", "word", "longer", " ", "  ", "   ", "-", ".", ",", "x", "(see)",
        "https://example.com/a/very/long/path?with=query", "supercalifragilistic",
    ]

    @Test func givesTheRowsOfTheGeneralWrapper() async {
        let texts = Gen<String?>.element(of: Self.pieces).map { $0 ?? "" }.array(of: 1...40).map { $0.joined() }
        await propertyCheck(count: 600, input: texts, Gen.int(in: 1...30)) { text, width in
            var fast: [String] = []
            ASCIIWrapper.wrap(Substring(text), width: width, into: &fast)
            var general: [String] = []
            TextWrapper.wrapClusters(Substring(text), width: width, into: &general)
            #expect(fast == general, "“\(text)” at width \(width)")
        }
    }

    @Test func breaksAfterSpacesAndHardBreaksLongWords() {
        var lines: [String] = []
        ASCIIWrapper.wrap("the quick brown fox jumps", width: 10, into: &lines)
        #expect(lines == ["the quick", "brown fox", "jumps"])
        lines = []
        ASCIIWrapper.wrap("abcdefghijkl mn", width: 5, into: &lines)
        #expect(lines == ["abcde", "fghij", "kl mn"])
    }

    @Test func takesOnlyPrintableASCII() {
        #expect(ASCIIWrapper.accepts("plain text, with (marks)!"))
        #expect(!ASCIIWrapper.accepts("tab\there"))
        #expect(!ASCIIWrapper.accepts("中文"))
        #expect(!ASCIIWrapper.accepts("e\u{301}"))
    }
}
