import Foundation
import Testing
@testable import ServerSentEvents

@Suite("SSE parser")
struct ServerSentEventParserTests {
    private func parse(_ chunks: [[UInt8]]) throws -> [String] {
        var parser = ServerSentEventParser()
        var data: [String] = []
        for chunk in chunks { data += try parser.feed(chunk).map(\.data) }
        return data
    }

    @Test("whole stream in one chunk")
    func wholeStream() throws {
        #expect(try parse([Array(RecordedStreams.thinkingReply.utf8)]) == RecordedStreams.expectedEvents)
    }

    @Test("one byte at a time, so every character is split", arguments: ["\n", "\r\n", "\r"])
    func byteByByte(lineEnd: String) throws {
        let text = RecordedStreams.thinkingReply.replacingOccurrences(of: "\n", with: lineEnd)
        let bytes = Array(text.utf8)
        #expect(try parse(bytes.map { [$0] }) == RecordedStreams.expectedEvents)
    }

    @Test("every split into two chunks", arguments: ["\n", "\r\n", "\r"])
    func everyTwoChunkSplit(lineEnd: String) throws {
        let bytes = Array(RecordedStreams.thinkingReply.replacingOccurrences(of: "\n", with: lineEnd).utf8)
        for split in 0...bytes.count {
            let events = try parse([Array(bytes[..<split]), Array(bytes[split...])])
            #expect(events == RecordedStreams.expectedEvents, "split at byte \(split)")
        }
    }

    @Test("a split inside a multi-byte character keeps the character whole")
    func utf8Split() throws {
        let bytes = Array("data: 你好\n\n".utf8)
        // 你 is three bytes starting at offset 6: split after its first byte.
        let events = try parse([Array(bytes[..<7]), Array(bytes[7...])])
        #expect(events == ["你好"])
    }

    @Test("CR and LF split across chunks count as one line end")
    func crlfAcrossChunks() throws {
        let events = try parse([Array("data: a\r".utf8), Array("\n\r".utf8), Array("\ndata: b\r\n\r\n".utf8)])
        #expect(events == ["a", "b"])
    }

    @Test("comments, other fields and data without a space")
    func commentsAndFields() throws {
        var parser = ServerSentEventParser()
        let events = try parser.feed(Array(": keep-alive\nevent: message\nid: 7\nretry: 10\ndata:x\n\n".utf8))
        #expect(events == [ServerSentEvent(event: "message", data: "x", id: "7")])
    }

    @Test("several data lines make one multi-line event")
    func multiLineData() throws {
        #expect(try parse([Array("data: first\ndata: second\n\n".utf8)]) == ["first\nsecond"])
    }

    @Test("a blank line with no data dispatches nothing")
    func emptyEvent() throws {
        #expect(try parse([Array("\n\nevent: x\n\n".utf8)]).isEmpty)
    }

    @Test("an unterminated event is not dispatched; finish reports it")
    func unterminated() throws {
        var parser = ServerSentEventParser()
        #expect(try parser.feed(Array("data: half".utf8)).isEmpty)
        let hadPartialEvent = parser.finish()
        #expect(hadPartialEvent)
    }

    @Test("an endless line hits the limit with a typed error, not unbounded memory")
    func lineLimit() {
        var parser = ServerSentEventParser(limit: 1024)
        #expect(throws: ServerSentEventError.tooLarge(limit: 1024)) {
            _ = try parser.feed(Array(repeating: UInt8(ascii: "a"), count: 5000))
        }
    }

    @Test("a leading byte-order mark is skipped, wherever the chunks split it")
    func byteOrderMark() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("data: x\n\ndata: \u{FEFF}y\n\n".utf8)
        for split in 0...bytes.count {
            #expect(try parse([Array(bytes[..<split]), Array(bytes[split...])]) == ["x", "\u{FEFF}y"], "split at \(split)")
        }
    }

    @Test("invalid UTF-8 becomes replacement characters, not a crash")
    func invalidUTF8() throws {
        let events = try parse([Array("data: a".utf8) + [0xFF, 0xFE] + Array("b\n\n".utf8)])
        #expect(events == ["a\u{FFFD}\u{FFFD}b"])
    }
}
