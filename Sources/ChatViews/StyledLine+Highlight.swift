import Foundation
import ScreenKit

extension StyledLine {
    /// The line with every occurrence of any of `words` (ignoring case) drawn in `style`.
    func highlighting(_ words: [String], style: Style) -> StyledLine {
        let words = words.filter { !$0.isEmpty }
        guard !words.isEmpty else { return self }
        var result: [(text: String, style: Style)] = []
        for span in spans {
            var rest = Substring(span.text)
            while let found = Self.firstMatch(of: words, in: rest) {
                if rest.startIndex < found.lowerBound { result.append((String(rest[..<found.lowerBound]), span.style)) }
                result.append((String(rest[found]), style))
                rest = rest[found.upperBound...]
            }
            if !rest.isEmpty { result.append((String(rest), span.style)) }
        }
        return StyledLine(spans: result)
    }

    /// Whether the line's text holds any of `words`, ignoring case.
    func contains(anyOf words: [String]) -> Bool {
        let text = spans.map(\.text).joined()
        return words.contains { !$0.isEmpty && text.range(of: $0, options: .caseInsensitive) != nil }
    }

    private static func firstMatch(of words: [String], in text: Substring) -> Range<Substring.Index>? {
        words.compactMap { text.range(of: $0, options: .caseInsensitive) }
            .filter { !$0.isEmpty }
            .min { $0.lowerBound < $1.lowerBound }
    }
}
