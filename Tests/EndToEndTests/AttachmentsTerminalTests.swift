import Foundation
import MockMoonshot
import Testing
import TestSupport

/// Files, images and web search from the keyboard, in tmux against the mock: Alt-A a
/// PDF, a text file and an image, send, and see what the request carried; Alt-W and a
/// question that searches; a restart and a follow-up that resends the extracted text
/// without uploading again.
@Suite("Attachments and web search in the chat", .serialized)
struct AttachmentsTerminalTests {
    let home: KimichatHome

    init() throws {
        home = try KimichatHome()
    }

    private func chats(_ server: MockMoonshotServer) -> [RecordedRequest] {
        server.requests.filter { $0.path == "/v1/chat/completions" }
    }

    private func uploads(_ server: MockMoonshotServer) -> Int {
        server.requests.filter { $0.method == "POST" && $0.path == "/v1/files" }.count
    }

    private func attach(_ session: TmuxSession, _ path: String, chip: String) async throws {
        try session.press("M-a")
        try await session.waitFor("Attach:")
        try session.type(path)
        try session.press("Enter")
        try await session.waitFor(chip)
    }

    @Test("Alt-A a PDF, a text file and an image; Alt-W and a search; a restart resends the text without an upload",
          .timeLimit(.minutes(3)))
    func attachSendSearchRestart() async throws {
        let folder = try SampleFiles.folder()
        try SampleFiles.pdf(text: "Revenue grew 12% in the third quarter").write(to: folder.appendingPathComponent("report.pdf"))
        try Data("meeting notes: ship on Friday\n".utf8).write(to: folder.appendingPathComponent("notes.txt"))
        let png = SampleFiles.png(width: 64, height: 48)
        try png.write(to: folder.appendingPathComponent("cat.png"))

        let server = try await MockMoonshotServer.start()
        defer { Task { try? await server.shutdown() } }
        let key = ["MOONSHOT_API_KEY": "sk-test"]
        let session = try home.launch("--base-url \(server.baseURL) --model kimi-k2.6", environment: key, width: 110)
        try await session.waitFor("ready")

        // Tab completes a unique name in the prompt.
        try session.press("M-a")
        try await session.waitFor("Attach:")
        try session.type(folder.path + "/rep")
        try session.press("Tab")
        try await session.waitFor("report.pdf")
        try session.press("Enter")
        try await session.waitUntil("the PDF's chip, extracted") { $0.contains("[report.pdf · ") && !$0.contains("…]") }
        try await attach(session, folder.appendingPathComponent("notes.txt").path, chip: "[notes.txt · 30 B · inline]")
        try await attach(session, folder.appendingPathComponent("cat.png").path, chip: "[cat.png · 64×48]")
        #expect(uploads(server) == 1, "only the PDF needed the Files API")
        #expect(server.fileCount == 0, "its upload was deleted once read")

        try session.type("What do these say?")
        try session.press("Enter")
        try await session.waitUntil("the reply, finished") { $0.contains("This is reply 1") && $0.contains("ready") }
        var screen = try session.capture()
        #expect(screen.contains("[file: report.pdf · "), "\(screen)")
        #expect(screen.contains("[file: notes.txt · 30 B · inline · ≈"))
        #expect(screen.contains("[image: cat.png 64×48]"))
        #expect(!screen.contains("[cat.png · 64×48]"), "the chips went with the message")

        let sent = try #require(chats(server).last?.json?["messages"] as? [[String: Any]])
        #expect(sent.map { $0["role"] as? String } == ["system", "system", "user"])
        #expect((sent[0]["content"] as? String)?.contains("Revenue grew 12% in the third quarter") == true)
        #expect((sent[1]["content"] as? String)?.contains("meeting notes: ship on Friday") == true)
        let parts = try #require(sent[2]["content"] as? [[String: Any]])
        #expect((parts[0]["image_url"] as? [String: Any])?["url"] as? String
            == "data:image/png;base64," + png.base64EncodedString())
        #expect(parts[1]["text"] as? String == "What do these say?")

        // Alt-W, then a question the mock answers after one search.
        try session.press("M-w")
        try await session.waitFor("Web search on")
        try session.type("Any news?")
        try session.press("Enter")
        try await session.waitUntil("the answer after the search") {
            $0.contains("I searched the web once") && $0.contains("ready")
        }
        screen = try session.capture()
        #expect(screen.contains("searched the web · 3,210 tokens of results"), "\(screen)")
        #expect(screen.contains(" · web"), "the status bar shows search is on")
        let searched = try #require(chats(server).last?.json)
        #expect((searched["messages"] as? [[String: Any]])?.last?["role"] as? String == "tool")

        // Quit and come back: the conversation reopens; a follow-up resends the text, no upload.
        try session.press("C-q")
        try await session.waitFor("[exited 0]")
        session.kill()
        let again = try home.launch("--base-url \(server.baseURL)", environment: key, width: 110)
        try await again.waitFor("[file: report.pdf")
        try await again.waitFor(" · web")
        let asked = chats(server).count
        try again.type("And costs?")
        try again.press("Enter")
        // A search, then the answer: two requests, the second ending the reply.
        try await Polling.until("the follow-up's search and answer") { chats(server).count == asked + 2 }
        try await again.waitUntil("the follow-up's answer") { $0.contains("“And costs?”") && $0.contains("ready") }
        let followUp = try #require(chats(server).last?.json?["messages"] as? [[String: Any]])
        #expect((followUp.first?["content"] as? String)?.contains("Revenue grew 12%") == true)
        #expect(followUp.filter { $0["role"] as? String == "tool" }.count == 2,
                "the earlier search went along, and the follow-up searched anew")
        #expect(uploads(server) == 1, "no second upload")
        try again.press("C-q")
        try await again.waitFor("[exited 0]")
    }

    @Test("a missing file and a folder are refused in the transcript; the draft and the other chip stay",
          .timeLimit(.minutes(2)))
    func badInputLosesNothing() async throws {
        let folder = try SampleFiles.folder()
        try Data("kept".utf8).write(to: folder.appendingPathComponent("kept.txt"))
        let session = try home.launch("--demo", width: 110)
        try await session.waitFor("ready")
        try await attach(session, folder.appendingPathComponent("kept.txt").path, chip: "[kept.txt · 4 B · inline]")
        try session.type("my draft")
        try session.press("M-a")
        try await session.waitFor("Attach:")
        try session.type(folder.appendingPathComponent("missing.pdf").path)
        try session.press("Enter")
        try await session.waitFor("No file at")
        try session.press("M-a")
        try await session.waitFor("Attach:")
        try session.type(folder.path)
        try session.press("Enter")
        try await session.waitFor("is a folder")
        var screen = try session.capture()
        #expect(screen.contains("my draft"))
        #expect(screen.contains("[kept.txt · 4 B · inline]"))

        // A pasted path of a file (as a drag-and-drop pastes it) is offered for attaching.
        let dropped = folder.appendingPathComponent("dropped file.txt")
        try Data("dropped".utf8).write(to: dropped)
        try session.paste("'\(dropped.path)'")
        try await session.waitFor("Enter attaches dropped file.txt")
        try session.press("Enter")
        screen = try await session.waitFor("[dropped file.txt · 7 B · inline]")
        #expect(screen.contains("my draft"), "the draft stays; the pasted path left it")
        #expect(!screen.contains("'\(dropped.path)'"))
        session.kill()
    }
}
