@testable import AppRuntime
import Foundation
import Testing

/// Tab in Alt-A's prompt completes like a shell's Tab.
@Suite("Path completion")
struct PathCompletionTests {
    let names = ["report.pdf", "reports", "readme.md", ".hidden", "notes.txt"]

    func complete(_ typed: String) -> (path: String, choices: [String]) {
        PathCompletion.complete(typed, home: "/home/me", list: { folder in
            folder == "/home/me/docs/" || folder == "/home/me/docs" ? names : nil
        }, isFolder: { $0.hasSuffix("reports") })
    }

    @Test("one name fits: it completes, a folder with its slash; several: as far as they agree, and the names")
    func completions() {
        #expect(complete("~/docs/no").path == "~/docs/notes.txt")
        #expect(complete("~/docs/report").path == "~/docs/report")
        #expect(complete("~/docs/report").choices == ["report.pdf", "reports/"])
        #expect(complete("~/docs/reports").path == "~/docs/reports/")
        #expect(complete("~/docs/r").path == "~/docs/re")
        #expect(complete("~/docs/").choices == ["notes.txt", "readme.md", "report.pdf", "reports/"], "hidden files stay out")
        #expect(complete("~/docs/.h").path == "~/docs/.hidden", "unless asked for with a dot")
        #expect(complete("~/docs/zzz") == ("~/docs/zzz", []))
        #expect(complete("~/missing/x") == ("~/missing/x", []))
        #expect(PathCompletion.complete("~", home: "/home/me").path == "~/")
    }
}
