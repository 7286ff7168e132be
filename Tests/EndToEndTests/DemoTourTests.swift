import Foundation
import Testing
import TestSupport

/// `kimichat --demo` shows what kimichat can do: its replies depend on a word of the
/// question, and its own sentences are grammatical.
@Suite("The demo's replies")
struct DemoTourTests {
    private static let tour = ["KIMICHAT_DEMO_REPLIES": "tour"]

    @Test("each word gets its own rich reply; anything else the tour, which names the words", arguments: [
        ("show me some code", ["```swift", "```sh", "Alt-C"]),
        ("a table please", ["| :--- | ---: | :---: | :--- |", "通用对话"]),
        ("markdown?", ["# Markdown in the terminal", "> A quote", "[Moonshot's API documentation]("]),
        ("说中文", ["### 中文回复", "每个汉字占两列"]),
        ("hello", ["## Welcome to the kimichat demo", "- **code**", "| Ctrl-O | saved conversations | 会话列表 |",
                   "Your request carried 1 message:"]),
    ])
    func replies(question: String, expected: [String]) async throws {
        let home = try KimichatHome()
        let result = try await home.run(["ask", "--demo", question], environment: Self.tour)
        #expect(result.status == 0, "\(result.stderr)")
        for text in expected {
            #expect(result.stdout.contains(text), "\(text) in:\n\(result.stdout)")
        }
    }

    @Test("the tour counts the request's messages in words: 1 message, then 3 messages")
    func grammar() async throws {
        let home = try KimichatHome()
        _ = try await home.run(["ask", "--demo", "hello"], environment: Self.tour)
        let second = try await home.run(["ask", "--demo", "--continue", "and again"], environment: Self.tour)
        #expect(second.stdout.contains("Your request carried 3 messages:"), "\(second.stdout)")
        let echo = try await home.run(["ask", "--demo", "--no-save", "plain"])
        #expect(echo.stdout.contains("your request carried 1 message,"), "\(echo.stdout)")
    }

    @Test("in the chat: the tour draws its heading, table and code; think shows a thinking block; long scrolls",
          .timeLimit(.minutes(2)))
    func inTheChat() async throws {
        let home = try KimichatHome()
        // Paced so that the thinking lasts a few of the chat's 0.1 s ticks, which time it.
        let session = try home.launch("--demo", environment: Self.tour.merging(["KIMICHAT_DEMO_PACE_MS": "10"]) { $1 },
                                      width: 100, height: 40)
        try await session.waitFor("Demo mode")
        try session.type("hello")
        try session.press("Enter")
        // The banner names 中文 too, so wait for a line only the finished reply has.
        let screen = try await session.waitUntil("the tour drawn") { $0.contains("ready") && $0.contains("print(reply)") }
        #expect(screen.contains("Welcome to the kimichat demo"))
        #expect(!screen.contains("## Welcome"), "the heading is styled, not shown with its marks")
        #expect(screen.contains("│ Ctrl-O │ saved conversations │ 会话列表 │"), "\(screen)")
        #expect(screen.contains("print(reply)"))
        try session.type("think about it")
        try session.press("Enter")
        try await session.waitUntil("the thinking folded above the answer") {
            $0.contains("ready") && $0.contains("The dim text above this answer") && $0.contains("▸ thought for ")
        }
        // The time it thought is saved with it: after a restart the folded line still says it.
        try session.press("C-q")
        try await session.waitFor("[exited 0]")
        let reopened = try home.launch("--demo", environment: Self.tour.merging(["KIMICHAT_DEMO_PACE_MS": "1"]) { $1 },
                                       width: 100, height: 40)
        try await reopened.waitUntil("the reopened conversation with its thinking time") {
            $0.contains("The dim text above this answer") && $0.contains("▸ thought for ")
        }
        try await longAnswer(in: reopened)
    }

    private func longAnswer(in session: TmuxSession) async throws {
        try session.type("something long")
        try session.press("Enter")
        try await session.waitUntil("the long answer's end") { $0.contains("Part 24") && $0.contains("ready") }
        try session.press("PageUp")
        try await session.waitUntil("scrolled back into the long answer") { !$0.contains("Part 24") && $0.contains("Part ") }
        try session.press("C-q")
        try await session.waitFor("[exited 0]")
    }
}
