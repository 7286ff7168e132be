import Foundation
import Testing

/// docs/reliability.md names the test for each fault; each of them must exist, so
/// the page cannot keep a test that was renamed or deleted.
@Suite("docs/reliability.md")
struct ReliabilityDocumentTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test("every test the fault matrix names exists")
    func namedTestsExist() throws {
        let page = try String(contentsOf: Self.root.appendingPathComponent("docs/reliability.md"), encoding: .utf8)
        let rows = page.split(separator: "\n").filter { $0.hasPrefix("| ") && $0.hasSuffix("` |") }
        let names = rows.flatMap { row -> [String] in
            let cell = row.split(separator: "|").last.map(String.init) ?? ""
            // Names are in backticks, separated by "; " (an escaped \` is part of a name).
            return cell.components(separatedBy: "`; `").map {
                $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "`"))
                    .replacingOccurrences(of: "\\`", with: "`")
            }
        }
        #expect(names.count >= 30, "the matrix has its rows: \(names.count) names")

        var sources = ""
        let tests = Self.root.appendingPathComponent("Tests")
        let files = FileManager.default.enumerator(at: tests, includingPropertiesForKeys: nil)
        while let file = files?.nextObject() as? URL {
            if file.pathExtension == "swift" { sources += try String(contentsOf: file, encoding: .utf8) }
        }
        let missing = names.filter { !sources.contains("@Test(\"\($0)\"") }
        #expect(missing.isEmpty, "docs/reliability.md names tests that do not exist")
    }
}
