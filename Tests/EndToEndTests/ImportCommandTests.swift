import Foundation
import Testing
import TestSupport

/// `kimichat import` run as the user runs it, checked through `list` and `export`.
@Suite("kimichat import")
struct ImportCommandTests {
    func write(_ text: String, to name: String, in home: KimichatHome) throws -> String {
        let url = home.directory.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    @Test("an export imported twice: trees with their branches, a malformed conversation left out alone, then nothing added")
    func aChatGPTExportImportsAsTreesAndASecondImportAddsNothing() async throws {
        let home = try KimichatHome()
        let file = try write(ChatGPTFixture.all, to: "conversations.json", in: home)
        let first = try await home.run(["import", file])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("Imported 2 conversations (8 messages) from the ChatGPT export conversations.json."))
        #expect(first.stdout.contains("Left out: 4 messages (system, tool, hidden or without text); 1 conversation with "
            + "nothing to import; 1 conversation that could not be read."), "\(first.stdout)")
        #expect(first.stderr.contains("conversation 2 left out: it has a \"mapping\""), "\(first.stderr)")
        #expect(ReadableMessage.problems(in: first.stderr).isEmpty, "\(first.stderr)")
        #expect(!first.stderr.contains("Importing:"), "no progress when stderr is not a terminal")

        let listed = try await home.conversations()
        #expect(listed.count == 2)
        let branched = try #require(listed.first { $0["title"] as? String == "Branches 分支" })
        #expect(branched["model"] as? String == "")
        let exported = try await home.export(try #require(branched["id"] as? Int))
        let messages = try #require(exported["messages"] as? [[String: Any]])
        #expect(messages.count == 6)
        #expect(messages.filter { $0["on_current_branch"] as? Bool == true }.compactMap { $0["content"] as? String }
            == ["What is 你好世界?", "It means \"hello world\".", "Say it in 日本語", "こんにちは世界"])
        let answer = try #require(messages.first { $0["content"] as? String == "It means \"hello world\"." })
        #expect(messages.filter { $0["parent_id"] as? Int == answer["id"] as? Int }.count == 2, "two versions of the question")
        #expect(exported["created_at"] as? String == "2023-11-14T22:13:20Z")

        let again = try await home.run(["import", file])
        #expect(again.status == 0)
        #expect(again.stdout.contains("Imported 0 conversations (0 messages)"))
        #expect(again.stdout.contains("Already imported: 2 conversations, not added again."), "\(again.stdout)")
        #expect(try await home.conversations().count == 2)
    }

    @Test("the zip of the export and a kimi-cli sessions folder import")
    func theZipOfTheExportAndAKimiCLISessionFolderImport() async throws {
        let home = try KimichatHome()
        let zip = home.directory.appendingPathComponent("chatgpt-export.zip")
        try ZipFixture.write([ZipFixture.Entry(name: "conversations.json", data: Data(ChatGPTFixture.all.utf8))], to: zip)
        let zipped = try await home.run(["import", zip.path])
        #expect(zipped.status == 0, "\(zipped.stderr)")
        #expect(zipped.stdout.contains("Imported 2 conversations (8 messages) from the ChatGPT export (zip) chatgpt-export.zip."))

        let session = home.directory.appendingPathComponent("kimi/sessions/abcd/0b1c2d3e")
        try FileManager.default.createDirectory(at: session, withIntermediateDirectories: true)
        try Data((#"{"role":"user","content":"你好，kimi"}"# + "\n" + #"{"role":"assistant","content":"你好！"}"# + "\n").utf8)
            .write(to: session.appendingPathComponent("context.jsonl"))
        let kimi = try await home.run(["import", home.directory.appendingPathComponent("kimi/sessions").path])
        #expect(kimi.status == 0, "\(kimi.stderr)")
        #expect(kimi.stdout.contains("Imported 1 conversation (2 messages) from the kimi-cli sessions sessions."), "\(kimi.stdout)")
        let listed = try await home.conversations()
        #expect(listed.count == 3)
        #expect(listed.contains { $0["title"] as? String == "你好，kimi" })
    }

    @Test("a missing file, a cut-short one and one that is not an export: a message saying what was expected")
    func aMissingFileATruncatedOneAndOneThatIsNotAnExportFailSayingWhatWasExpected() async throws {
        let home = try KimichatHome()
        let missing = try await home.run(["import", home.directory.appendingPathComponent("nowhere.json").path])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("There is no file or folder at") && missing.stderr.contains("conversations.json"))
        #expect(!FileManager.default.fileExists(atPath: home.databasePath), "a wrong path creates no database")

        let other = try await home.run(["import", try write(#"{"settings": true}"#, to: "settings.json", in: home)])
        #expect(other.status == 1)
        #expect(other.stderr.contains("is not an export kimichat can import: it is a single JSON object"), "\(other.stderr)")
        #expect(ReadableMessage.problems(in: other.stderr).isEmpty, "\(other.stderr)")

        let whole = ChatGPTFixture.export([ChatGPTFixture.untitled, ChatGPTFixture.branched])
        let cut = try await home.run(["import", try write(String(whole.prefix(whole.count - 200)), to: "cut.json", in: home)])
        #expect(cut.status == 1, "the import did not finish")
        #expect(cut.stdout.contains("Imported 1 conversation (2 messages)"), "what came before the cut is kept")
        #expect(cut.stderr.contains("ends in the middle of conversation 2: the file is cut short"), "\(cut.stderr)")
        #expect(try await home.conversations().count == 1, "nothing of the cut conversation")
    }
}
