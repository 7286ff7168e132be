import ChatCore
import ChatDomain
import Foundation
import ScreenKit
import Testing
@testable import ChatViews

/// F3's find line on screen: above the input with the cursor in it, "2 of 3" and its
/// keys beside the text; the hit shown marked strongly, the other hits on screen quietly.
@Suite struct FindLineViewTests {
    @Test func theLineTheCountAndEveryHitOnScreenMarked() throws {
        var state = AppState(settings: ChatSettings(model: "m", hasAPIKey: true),
                             reopening: TranscriptScrollTests.longConversation(12))
        var search = 0
        for effect in reduce(&state, .keyPressed(.function(3))) + reduce(&state, .textEntered("message")) {
            if case let .findInConversation(number, _, _, _, _) = effect { search = number }
        }
        var frame = ScreenRenderer(theme: .dark).render(state, width: 80, height: 24)
        let findRow = try #require(frame.lines.firstIndex { $0.hasPrefix("Find: message") })
        #expect(findRow == 21, "just above the input")
        #expect(frame.lines[findRow].contains("… · Enter next"), "still looking:\n\(frame.lines[findRow])")
        #expect(frame.cursor?.row == findRow && frame.cursor?.column == 13)

        // Messages 8, 9 and 10 (rows 9, 10 and 11) hold it; Up goes from the last to 9.
        let found = FoundInConversation(words: ["message"], hits: [9, 10, 11], positions: [8, 9, 10], branchLength: 12)
        _ = reduce(&state, .foundInConversation(search: search, found))
        _ = reduce(&state, .keyPressed(.up))
        frame = ScreenRenderer(theme: .dark).render(state, width: 80, height: 24)
        #expect(frame.lines[findRow].contains("2 of 3 · Enter next · Shift-F3 ↑ previous · Esc close"),
                "\(frame.lines[findRow])")
        let narrow = ScreenRenderer(theme: .dark).render(state, width: 40, height: 24)
        #expect(narrow.lines[findRow].hasSuffix("  2 of 3"), "narrow, the keys give way:\n\(narrow.lines[findRow])")
        func style(of text: String) throws -> Style {
            let row = try #require(frame.lines.firstIndex { $0.contains(text) }, "\(text) on screen")
            let line = frame.lines[row]
            let column = line.distance(from: line.startIndex, to: try #require(line.range(of: text)).lowerBound)
            return frame.rows[row][column].style
        }
        #expect(try style(of: "message 9") == Theme.dark.highlight, "the hit shown")
        #expect(try style(of: "message 10") == Theme.dark.otherHit, "another hit")
        #expect(try style(of: "message 11") != Theme.dark.otherHit && (try style(of: "message 11")) != Theme.dark.highlight,
                "not a hit")

        _ = reduce(&state, .keyPressed(.escape))
        frame = ScreenRenderer(theme: .dark).render(state, width: 80, height: 24)
        #expect(!frame.lines.contains { $0.hasPrefix("Find:") })
        #expect(try style(of: "message 10") != Theme.dark.otherHit, "nothing marked once it closes")
    }

    @Test func longChineseTextShowsItsEndWithTheCursorAfterIt() throws {
        var state = AppState(settings: ChatSettings(model: "m", hasAPIKey: true),
                             reopening: TranscriptScrollTests.longConversation(4))
        _ = reduce(&state, .keyPressed(.function(3)))
        _ = reduce(&state, .textEntered(String(repeating: "石榴", count: 15)))
        let frame = ScreenRenderer(theme: .dark).render(state, width: 40, height: 12)
        let row = try #require(frame.lines.firstIndex { $0.hasPrefix("Find: ") })
        let cursor = try #require(frame.cursor)
        #expect(cursor.row == row)
        #expect(cursor.column < 40, "the cursor stays on screen: \(cursor.column)")
        // The text's last character is drawn just before the cursor (two columns wide).
        #expect(frame.rows[row][cursor.column - 2].character == "榴", "\(frame.lines[row])")
        #expect(frame.lines[row].contains("石榴石榴"))
    }

    @Test func alt_AsPathPromptShowsTheEndOfALongChinesePathToo() throws {
        var state = AppState(settings: ChatSettings(model: "m", hasAPIKey: true),
                             reopening: TranscriptScrollTests.longConversation(4))
        _ = reduce(&state, .keyPressed(.alt("a")))
        _ = reduce(&state, .textEntered("~/文档/" + String(repeating: "报告", count: 20) + ".pdf"))
        let frame = ScreenRenderer(theme: .dark).render(state, width: 40, height: 12)
        let row = try #require(frame.lines.firstIndex { $0.hasPrefix("Attach: ") })
        let cursor = try #require(frame.cursor)
        #expect(cursor.row == row && cursor.column < 40)
        #expect(frame.lines[row].hasSuffix("告.pdf"), "\(frame.lines[row])")
        #expect(frame.rows[row][cursor.column - 1].character == "f", "the cursor is just after the text")
    }
}

