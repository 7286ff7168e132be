import Foundation
import MockMoonshot
import Testing
import TestSupport

/// F3 in a terminal: a conversation of 3,000 messages (imported, so the chat opens it a
/// window at a time) is searched whole; a hit above what was read is reached by
/// reading the pages down to it; Shift-F3, Enter and Esc as the find line says.
@Suite("Finding in the conversation", .serialized)
struct FindTerminalTests {
    /// A ChatGPT export of one conversation of `count` alternating questions and
    /// answers; "zebra" is in the first question and in the answer near the end.
    private func export(count: Int) -> String {
        var nodes = [ChatGPTFixture.node("root", nil, parent: nil, children: ["m1"])]
        for index in 1...count {
            var text = index.isMultiple(of: 2) ? "answer \(index)" : "question \(index)"
            if index == 1 { text = "the first question mentions a zebra" }
            if index == count - 10 { text = "a late answer mentions the zebra too" }
            nodes.append(ChatGPTFixture.node("m\(index)", index.isMultiple(of: 2) ? "assistant" : "user", "[\"\(text)\"]",
                                             parent: index == 1 ? "root" : "m\(index - 1)",
                                             children: index == count ? [] : ["m\(index + 1)"],
                                             time: 1_700_000_000 + Double(index)))
        }
        return ChatGPTFixture.export(["""
            {"title":"Long","create_time":1700000000,"update_time":1700009000,"mapping":{\(nodes.joined(separator: ","))},\
            "current_node":"m\(count)","id":"long"}
            """])
    }

    @Test("a hit above the window is read down to; Up, Shift-F3, Enter step; Esc leaves the view", .timeLimit(.minutes(2)))
    func findAcrossALongConversation() async throws {
        let home = try KimichatHome()
        let file = home.directory.appendingPathComponent("conversations.json")
        try Data(export(count: 3_000).utf8).write(to: file)
        let imported = try await home.run(["import", file.path])
        #expect(imported.status == 0, "\(imported.stderr)")

        let session = try home.launch("", environment: ["MOONSHOT_API_KEY": "sk-test"])
        defer { session.kill() }
        try await session.waitUntil("the long conversation's end") { $0.contains("answer 3000") && $0.contains("ready") }
        try session.press("F3")
        try await session.waitFor("Find:")
        try session.type("zebra")
        var screen = try await session.waitFor("2 of 2")
        #expect(screen.contains("a late answer mentions the zebra too"), "the newest hit is shown:\n\(screen)")

        // Up: the first question, 2,700 messages above what the chat opened with.
        try session.press("Up")
        screen = try await session.waitUntil("the first hit, read and shown") {
            $0.contains("1 of 2") && $0.contains("the first question mentions a zebra")
        }
        #expect(!screen.contains("answer 3000"))
        try session.press("Enter")
        try await session.waitUntil("round to the last hit") { $0.contains("2 of 2") && $0.contains("late answer") }
        try session.press("S-F3")
        try await session.waitUntil("Shift-F3: back to the first") {
            $0.contains("1 of 2") && $0.contains("the first question mentions a zebra")
        }

        try session.press("Escape")
        screen = try await session.waitUntil("the find line closed") { !$0.contains("Find:") }
        #expect(screen.contains("the first question mentions a zebra"), "the view stays where the find left it:\n\(screen)")
        try session.type("typed")
        try await session.waitFor("› typed")
        try session.press("C-q")
        try await session.waitFor("[exited 0]")
    }
}
