import ChatDomain
import Foundation
@testable import Importing
import Testing
import TestSupport

@Suite struct KimiCLIImportTests {
    let sessions: URL

    init() throws {
        sessions = try Binaries.temporaryDirectory().appendingPathComponent("sessions")
    }

    /// A session as kimi-cli writes it: bookkeeping records, a checkpoint note in a user
    /// message, an answer built over tool calls (with thinking), then a second exchange.
    static let context = [
        #"{"role": "_system_prompt", "content": "You are Kimi CLI."}"#,
        #"{"role": "_checkpoint", "id": 0}"#,
        #"{"role":"user","content":[{"type":"text","text":"<system>CHECKPOINT 0</system>"}]}"#,
        #"{"role":"user","content":"列出这个目录的文件"}"#,
        #"{"role":"assistant","content":[{"type":"think","think":"I should look."},{"type":"text","text":"Let me look."}],"tool_calls":[{"type":"function","id":"t1","function":{"name":"Shell","arguments":"{\"command\":\"ls\"}"}}]}"#,
        #"{"role":"tool","content":[{"type":"text","text":"<system>Command executed</system>"},{"type":"text","text":"a.txt\nb.txt"}],"tool_call_id":"t1"}"#,
        #"{"role":"assistant","content":"There are two files: a.txt and b.txt."}"#,
        #"{"role": "_usage", "token_count": 1234}"#,
        "not json at all",
        #"{"role":"user","content":[{"type":"text","text":"Thanks!"},{"type":"text","text":"<system-reminder>\nbe brief\n</system-reminder>"}]}"#,
        #"{"role":"assistant","content":[{"type":"text","text":"You're welcome."}]}"#,
    ].joined(separator: "\n") + "\n"

    func session(_ id: String, context: String = Self.context, state: String? = nil, wire: String? = nil,
                 workDir: String = "0123abcd") throws -> URL {
        let folder = sessions.appendingPathComponent(workDir).appendingPathComponent(id)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(context.utf8).write(to: folder.appendingPathComponent("context.jsonl"))
        if let state { try Data(state.utf8).write(to: folder.appendingPathComponent("state.json")) }
        if let wire { try Data(wire.utf8).write(to: folder.appendingPathComponent("wire.jsonl")) }
        return folder
    }

    static func read(_ path: String) throws -> [(ImportedConversation, Int)] {
        var found: [(ImportedConversation, Int)] = []
        try ImportReader(path: path).read { item in
            if case let .conversation(conversation, skipped) = item { found.append((conversation, skipped)) }
        }
        return found
    }

    @Test func aSessionFolderBecomesOneConversationOfQuestionsAndAnswers() throws {
        let folder = try session("5f0c9a3e-1111-4222-8333-444455556666", state: #"{"version":1,"custom_title":"Files 文件"}"#,
                                 wire: "{\"type\":\"metadata\",\"protocol_version\":\"1\"}\n"
                                     + "{\"timestamp\":1700000000.5,\"message\":{\"type\":\"TurnBegin\"}}\n")
        let modified = Date(timeIntervalSince1970: 1_700_000_900)
        try FileManager.default.setAttributes([.modificationDate: modified],
                                              ofItemAtPath: folder.appendingPathComponent("context.jsonl").path)
        let reader = try ImportReader(path: folder.path)
        #expect(reader.format == .kimiCLI)
        let (conversation, skipped) = try #require(try Self.read(folder.path).first)
        #expect(conversation.source == ImportSource(kind: "kimi-cli", id: "5f0c9a3e-1111-4222-8333-444455556666"))
        #expect(conversation.title == "Files 文件", "state.json's custom title")
        #expect(conversation.createdAt == Date(timeIntervalSince1970: 1_700_000_000.5), "the wire log's first record")
        #expect(conversation.updatedAt == modified, "the context file's modification time")
        let path = conversation.tree.currentPath
        #expect(path.map(\.role) == [.user, .assistant, .user, .assistant])
        try #require(path.count == 4)
        #expect(path.map(\.text) == ["列出这个目录的文件", "Let me look.\n\nThere are two files: a.txt and b.txt.",
                                     "Thanks!", "You're welcome."])
        #expect(path[1].reasoning == "I should look.")
        #expect(skipped == 3, "the checkpoint note, the tool result and the line that is not JSON")
        #expect(conversation.tree.branchCount == 1)
    }

    @Test func aSessionsFolderImportsEverySessionButNotSubAgents() throws {
        _ = try session("aaaa", context: #"{"role":"user","content":"first session question"}"# + "\n"
            + #"{"role":"assistant","content":"an answer"}"#)
        let second = try session("bbbb", workDir: "ffff0000")
        let subagent = second.appendingPathComponent("subagents/agent-1")
        try FileManager.default.createDirectory(at: subagent, withIntermediateDirectories: true)
        try Data(Self.context.utf8).write(to: subagent.appendingPathComponent("context.jsonl"))
        // A context set aside by /clear is not the session's current one.
        try Data(Self.context.utf8).write(to: second.appendingPathComponent("context_1.jsonl"))

        let found = try Self.read(sessions.path)
        #expect(found.map(\.0.source.id) == ["aaaa", "bbbb"])
        #expect(found[0].0.title == "first session question", "no saved title: the first question")
        // The same from ~/.kimi itself, one level up.
        #expect(try Self.read(sessions.deletingLastPathComponent().path).count == 2)
    }

    @Test func aContextFileAloneIsASessionNamedByItsFolder() throws {
        let folder = try session("cccc")
        let found = try Self.read(folder.appendingPathComponent("context.jsonl").path)
        #expect(found.map(\.0.source.id) == ["cccc"])
    }

    @Test func aFolderWithoutSessionsAndAJSONLinesFileOfSomethingElseAreRefused() throws {
        let empty = sessions.appendingPathComponent("empty")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        #expect(throws: ImportError.noSessions(path: empty.path)) { try ImportReader(path: empty.path) }

        let other = sessions.appendingPathComponent("events.jsonl")
        try Data("{\"event\": 1}\n{\"event\": 2}\n".utf8).write(to: other)
        #expect {
            try Self.read(other.path)
        } throws: { error in
            guard case let .notAnExport(_, found)? = error as? ImportError else { return false }
            return found.contains("kimi-cli")
        }
    }

    @Test func aSessionWithOnlyBookkeepingIsEmpty() throws {
        let folder = try session("dddd", context: #"{"role": "_checkpoint", "id": 0}"# + "\n")
        var items: [ImportItem] = []
        try ImportReader(path: folder.path).read { items.append($0) }
        guard case let .empty(what, _)? = items.first else { Issue.record("\(items)"); return }
        #expect(what == "session dddd")
    }
}
