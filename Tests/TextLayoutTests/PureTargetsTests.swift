import Foundation
import Testing

/// The pure targets read and set no process state: the locale is set up once by the
/// terminal backend (CursesTerminal), and widths come from TextLayout's own table.
@Suite("Pure targets")
struct PureTargetsTests {
    static let pureTargets = ["ChatDomain", "ChatCore", "TextLayout", "ChatViews", "ServerSentEvents", "ScreenKit"]
    static let forbidden = ["setlocale(", "uselocale(", "newlocale(", "nl_langinfo(", "wcwidth(", "wcswidth(",
                            "import CWideChar", "import CLibcWidth", "import CNcursesw"]

    @Test("no pure target calls setlocale or wcwidth, or imports a C locale shim", arguments: pureTargets)
    func noLocaleInPureTarget(target: String) throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Sources/\(target)").standardized
        let files = try Self.swiftFiles(in: folder)
        #expect(!files.isEmpty, "no sources found in \(folder.path)")
        for file in files {
            let code = try String(contentsOf: file, encoding: .utf8)
                .split(separator: "\n")
                .filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("//") }
                .joined(separator: "\n")
            let found = Self.forbidden.filter { code.contains($0) }
            #expect(found.isEmpty, "\(target)/\(file.lastPathComponent) uses \(found.joined(separator: ", "))")
        }
    }

    private static func swiftFiles(in folder: URL) throws -> [URL] {
        let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
        return (enumerator?.allObjects as? [URL] ?? []).filter { $0.pathExtension == "swift" }
    }
}
