import Foundation
import MockMoonshot
import Testing
import TestSupport

/// What a reply looks like in a real terminal.
@Suite("Rendering in a terminal", .serialized)
struct RenderingTests {
    let home: KimichatHome

    init() throws {
        home = try KimichatHome()
    }

    @Test("a Chinese reply with a code block and a table: columns line up as tmux draws them",
          .timeLimit(.minutes(1)))
    func markdownReply() async throws {
        let server = try await MockMoonshotServer.start()
        defer { Task { try? await server.shutdown() } }
        server.enqueue(MockScenario(reply: """
            ## 结果

            **重要。**请看代码：

            ```swift
            let 问候 = "你好"
            ```

            | 名字 | 分数 |
            |---|---|
            | 张三 | 90 |
            | Bob | 100 |
            """))
        let session = try home.launch("--base-url \(server.baseURL) --model moonshot-v1-8k",
                                      environment: ["MOONSHOT_API_KEY": "sk-test"])
        try await session.waitFor("Enter send")
        try session.type("show me")
        try session.press("Enter")
        let screen = try await session.waitUntil("the table") { $0.contains("└──────┴──────┘") }
        let lines = screen.split(separator: "\n").map { line in
            var text = String(line)
            while text.last == " " { text.removeLast() }
            return text
        }
        #expect(lines.contains("  结果"))
        #expect(lines.contains("  重要。请看代码："), "bold without its asterisks")
        #expect(lines.contains("  ┌ swift"))
        #expect(lines.contains("  │ let 问候 = \"你好\""))
        #expect(lines.contains("  ┌──────┬──────┐"))
        #expect(lines.contains("  │ 名字 │ 分数 │"))
        #expect(lines.contains("  │ 张三 │ 90   │"))
        #expect(lines.contains("  │ Bob  │ 100  │"))
        try session.press("C-q")
        try await session.waitFor("[exited 0]")
    }
}
