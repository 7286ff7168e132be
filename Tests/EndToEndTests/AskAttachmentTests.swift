import Foundation
import MockMoonshot
import Testing
import TestSupport

/// `ask --file`, `--image` and `--search` against the demo server, and `show` and
/// `export` listing what went with each message.
@Suite("kimichat ask with files and search")
struct AskAttachmentTests {
    let home: KimichatHome
    let folder: URL

    init() throws {
        home = try KimichatHome()
        folder = try SampleFiles.folder()
        try SampleFiles.pdf(text: "Revenue grew 12%").write(to: folder.appendingPathComponent("report.pdf"))
        try SampleFiles.png(width: 64, height: 48).write(to: folder.appendingPathComponent("cat.png"))
    }

    private func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    private func requestPaths() throws -> [String] {
        let text = (try? String(contentsOfFile: home.requestLogPath, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { line in
            let entry = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            return entry.map { "\($0["method"] as? String ?? "") \($0["path"] as? String ?? "")" }
        }
    }

    @Test("--file and --image go with the question; --search searches; show and export list them")
    func fileImageSearch() async throws {
        let result = try await home.run(["ask", "--demo", "--file", path("report.pdf"), "--image", path("cat.png"),
                                         "--search", "What", "is", "this?"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout.contains("I searched the web once"))
        #expect(result.stderr.contains("searched the web · 3,210 tokens of results"), "\(result.stderr)")
        let bodies = try RequestLog.bodies(at: home.requestLogPath)
        #expect(bodies.count == 2, "asked, searched, asked again")
        let messages = try #require(bodies.last?["messages"] as? [[String: Any]])
        #expect(messages.map { $0["role"] as? String } == ["system", "user", "assistant", "tool"])
        #expect((messages[0]["content"] as? String)?.contains("Revenue grew 12%") == true)
        #expect(((messages[1]["content"] as? [[String: Any]])?.first?["type"] as? String) == "image_url")
        #expect((bodies.last?["thinking"] as? [String: Any])?["type"] as? String == "disabled")
        #expect(try requestPaths().filter { $0.hasPrefix("POST /v1/files") || $0.hasPrefix("DELETE /v1/files/") }.count == 2,
                "uploaded once, deleted once")

        let shown = try await home.run(["show", "--demo", "1"])
        #expect(shown.stdout.contains("[file: report.pdf · "), "\(shown.stdout)")
        #expect(shown.stdout.contains("[image: cat.png 64×48]"))
        #expect(shown.stdout.contains("searched the web · 3,210 tokens of results"))
        let exported = try await home.export(1, demo: true)
        let saved = try #require(exported["messages"] as? [[String: Any]])
        let files = try #require(saved[0]["attachments"] as? [[String: Any]])
        #expect(files.map { $0["name"] as? String } == ["report.pdf", "cat.png"])
        #expect((files[0]["text"] as? String)?.contains("Revenue grew 12%") == true)
        #expect(files[1]["width"] as? Int == 64)
        #expect((saved[1]["searches"] as? [[String: Any]])?.first?["result_tokens"] as? Int == 3210)
        let markdown = try await home.run(["export", "--demo", "1", "--format", "md"])
        #expect(markdown.stdout.contains("*[image: cat.png 64×48]*"))

        // --continue sends the extracted text again without another upload.
        let followUp = try await home.run(["ask", "--demo", "--continue", "And", "costs?"])
        #expect(followUp.status == 0, "stderr: \(followUp.stderr)")
        let next = try #require(try RequestLog.bodies(at: home.requestLogPath).last?["messages"] as? [[String: Any]])
        #expect((next.first?["content"] as? String)?.contains("Revenue grew 12%") == true)
        #expect(try requestPaths().filter { $0 == "POST /v1/files" }.count == 1)
        #expect(next.contains { $0["role"] as? String == "tool" }, "the search is sent again, and search stays on")
    }

    @Test("bad attachments end ask with a reason, exit 1, before anything is sent or saved", arguments: [
        (["--file", "/nonexistent/x.pdf"], "No file at /nonexistent/x.pdf"),
        (["--image", "REPORT"], "not an image kimichat can send"),
        (["--image", "CAT", "--model", "kimi-k2.7-code"], "kimi-k2.7-code does not take images"),
        (["--search", "--model", "kimi-k3"], "web search is not available"),
    ])
    func refusals(flags: [String], message: String) async throws {
        let arguments = flags.map { $0 == "REPORT" ? path("report.pdf") : $0 == "CAT" ? path("cat.png") : $0 }
        let result = try await home.run(["ask", "--demo"] + arguments + ["hi"])
        #expect(result.status == 1)
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect((try? RequestLog.bodies(at: home.requestLogPath))?.isEmpty ?? true, "nothing asked")
        #expect(try await home.conversations(demo: true).isEmpty, "nothing saved")
    }
}
