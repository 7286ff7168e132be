import ChatDomain
import Foundation
@testable import Importing
import Testing
import TestSupport

@Suite struct ChatGPTImportTests {
    let folder: URL

    init() throws { folder = try Binaries.temporaryDirectory() }

    func file(_ name: String, _ text: String) throws -> String {
        let url = folder.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    /// Everything `read` hands over, and the error it ended with.
    static func items(of path: String) throws -> (items: [ImportItem], failure: ImportError?) {
        let reader = try ImportReader(path: path)
        var items: [ImportItem] = []
        do {
            try reader.read { items.append($0) }
        } catch let error as ImportError {
            return (items, error)
        }
        return (items, nil)
    }

    static func conversations(_ items: [ImportItem]) -> [ImportedConversation] {
        items.compactMap { if case let .conversation(conversation, _) = $0 { conversation } else { nil } }
    }

    @Test func aConversationBecomesATreeWithItsBranchesTitleAndTimes() throws {
        let (items, failure) = try Self.items(of: try file("conversations.json", ChatGPTFixture.all))
        #expect(failure == nil)
        #expect(items.count == 4)
        let first = try #require(Self.conversations(items).first)
        guard case let .conversation(_, skipped) = items[0] else { Issue.record("not a conversation"); return }
        #expect(skipped == 3, "the system node, the empty answer and the tool node are left out")
        #expect(first.source == ImportSource(kind: "chatgpt", id: "conv-a"))
        #expect(first.title == "Branches 分支")
        #expect(first.model == "")
        #expect(first.createdAt == Date(timeIntervalSince1970: 1_700_000_000.5))
        #expect(first.updatedAt == Date(timeIntervalSince1970: 1_700_000_300.25))

        let tree = first.tree
        #expect(tree.count == 6)
        #expect(tree.currentPath.map(\.text) == ["What is 你好世界?", "It means \"hello world\".", "Say it in 日本語",
                                                 "こんにちは世界"],
                "the edited question's branch, to the answer the empty one led to (the tool node is not kept)")
        #expect(tree.currentPath.map(\.role) == [.user, .assistant, .user, .assistant])
        try #require(tree.currentPath.count == 4)
        let question = try #require(tree.currentPath.first)
        #expect(question.parentID == nil, "the system node above it is gone; the question is the root")
        #expect(question.createdAt == Date(timeIntervalSince1970: 1_700_000_100))
        let answer = tree.currentPath[1]
        let versions = tree.siblings(of: tree.currentPath[2].id!).compactMap { tree.messages[$0]?.text }
        #expect(versions == ["Say it in French\n[image]", "Say it in 日本語"], "both versions, oldest first")
        #expect(tree.messages.values.filter { $0.parentID == answer.id }.count == 2)
        let french = try #require(tree.messages.values.first { $0.text == "Bonjour le monde" })
        #expect(tree.messages[french.parentID!]?.text == "Say it in French\n[image]", "the old branch keeps its answer")
        #expect(tree.currentPath.last?.model == "gpt-4o-mini" && answer.model == "gpt-4o")
        #expect(tree.currentPath.last?.parentID == tree.currentPath[2].id, "the empty answer's child hangs from the question")
        let ids = first.messages.compactMap(\.id)
        #expect(ids == Array(1...6), "numbered in time order")
        #expect(first.messages.allSatisfy { message in message.parentID.map { $0 < message.id! } ?? true },
                "each parent before its children")
    }

    @Test func aConversationWithoutIdOrTitleIsKeyedByItsConversationIdAndNamedByItsQuestion() throws {
        let (items, _) = try Self.items(of: try file("c.json", ChatGPTFixture.export([ChatGPTFixture.untitled])))
        let conversation = try #require(Self.conversations(items).first)
        #expect(conversation.source.id == "conv-b")
        #expect(conversation.title == "第一个问题是什么")
        #expect(conversation.updatedAt == Date(timeIntervalSince1970: 1_700_001_002), "the newest message's time")
        #expect(conversation.tree.currentPath.map(\.text) == ["第一个问题是什么", "这是答案"])
    }

    @Test func aMalformedConversationIsLeftOutAloneAndAnEmptyOneIsCounted() throws {
        let (items, failure) = try Self.items(of: try file("conversations.json", ChatGPTFixture.all))
        #expect(failure == nil)
        try #require(items.count == 4)
        guard case let .unreadable(what, reason) = items[1] else { Issue.record("\(items[1])"); return }
        #expect(what == "conversation 2")
        #expect(reason.contains("mapping"))
        #expect(!reason.contains("Swift") && !reason.contains("DecodingError"))
        #expect(Self.conversations(items).map(\.source.id) == ["conv-a", "conv-b"])
        guard case let .empty(_, skipped) = items[3] else { Issue.record("\(items[3])"); return }
        #expect(skipped == 1)
    }

    @Test("a truncated export hands over the conversations before the cut and says so")
    func aTruncatedExportHandsOverTheConversationsBeforeTheCutAndSaysSo() throws {
        let whole = ChatGPTFixture.export([ChatGPTFixture.untitled, ChatGPTFixture.branched])
        let cut = String(whole.prefix(whole.count - 200))
        let path = try file("conversations.json", cut)
        let (items, failure) = try Self.items(of: path)
        #expect(Self.conversations(items).map(\.source.id) == ["conv-b"])
        #expect(failure == .truncated(path: path, complete: 1))
        #expect(failure?.description.contains("cut short") == true)
        // Cut between two conversations: still not the end of the array.
        let (_, between) = try Self.items(of: try file("between.json", ChatGPTFixture.export([ChatGPTFixture.untitled])
            .replacingOccurrences(of: "]\n", with: ",")))
        #expect(between == .truncated(path: folder.appendingPathComponent("between.json").path, complete: 1))
    }

    @Test("JSON that is not an export is refused, naming what was expected", arguments: [
        (#"{"conversations": []}"#, "single JSON object"),
        ("[1, 2, 3]", "something other than conversations"),
        (#"[{"name": "not a conversation"}]"#, "has no \"mapping\""),
        ("hello, world", "neither JSON nor a zip file"),
        ("   \n", "empty"),
    ])
    func jsonThatIsNotAnExportIsRefusedNamingWhatWasExpected(text: String, found: String) throws {
        let path = try file("other.json", text)
        let failure: ImportError?
        do {
            failure = try Self.items(of: path).failure
        } catch let error as ImportError {
            failure = error
        }
        guard case let .notAnExport(_, what)? = failure else { Issue.record("\(String(describing: failure))"); return }
        #expect(what.contains(found))
        #expect(failure?.description.contains("conversations.json") == true, "it says what was expected")
    }

    @Test func aMissingFileIsNamed() throws {
        let path = folder.appendingPathComponent("nowhere.json").path
        #expect(throws: ImportError.missing(path: path)) { try ImportReader(path: path) }
        #expect(ImportError.missing(path: path).description.contains("conversations.json"))
    }

    @Test func theZipOfTheExportIsReadLikeItsConversationsJSONDeflatedOrStored() throws {
        let json = try file("conversations.json", ChatGPTFixture.all)
        let expected = Self.conversations(try Self.items(of: json).items)
        for deflated in [true, false] {
            let zip = folder.appendingPathComponent("export-\(deflated).zip")
            try ZipFixture.write([
                ZipFixture.Entry(name: "chat.html", data: Data("<html></html>".utf8), deflated: deflated),
                ZipFixture.Entry(name: "conversations.json", data: Data(ChatGPTFixture.all.utf8), deflated: deflated),
            ], to: zip)
            let reader = try ImportReader(path: zip.path)
            #expect(reader.format == .chatGPTZip)
            #expect(Self.conversations(try Self.items(of: zip.path).items) == expected)
        }
    }

    @Test func aBigZippedExportIsInflatedPieceByPiece() throws {
        // Larger than one inflate output piece (1 MiB), so the stream is drained in turns.
        let many = ChatGPTFixture.export(Array(repeating: ChatGPTFixture.untitled, count: 3_000))
        #expect(many.utf8.count > 1 << 20)
        let zip = folder.appendingPathComponent("big.zip")
        try ZipFixture.write([ZipFixture.Entry(name: "export/conversations.json", data: Data(many.utf8))], to: zip)
        var count = 0
        var lastProgress: ImportProgress?
        try ImportReader(path: zip.path).read(progress: { lastProgress = $0 }) { _ in count += 1 }
        #expect(count == 3_000)
        #expect(lastProgress?.bytesRead == Int64(many.utf8.count) - 2, "all but the closing bracket and newline")
        #expect(lastProgress?.totalBytes == Int64(many.utf8.count))
    }

    @Test("a zip without conversations.json, or one cut short, is refused")
    func aZipWithoutConversationsIsRefused() throws {
        let zip = folder.appendingPathComponent("photos.zip")
        try ZipFixture.write([ZipFixture.Entry(name: "a.txt", data: Data("x".utf8))], to: zip)
        #expect(throws: ImportError.zipWithoutConversations(path: zip.path)) { try ImportReader(path: zip.path) }
        let cut = folder.appendingPathComponent("cut.zip")
        try Data(try Data(contentsOf: zip).prefix(20)).write(to: cut)
        #expect {
            try ImportReader(path: cut.path)
        } throws: { error in
            if case .damagedZip? = error as? ImportError { true } else { false }
        }
    }
}
