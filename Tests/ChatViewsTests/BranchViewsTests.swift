import ChatDomain
import Foundation
import ScreenKit
import Testing
@testable import ChatCore
@testable import ChatViews

/// Versions on screen: the `‹ 2/3 ›` mark in a header, the editing line in the status
/// bar, and the outline overlay.
@Suite("Branches on screen")
struct BranchViewsTests {
    var state = AppState(settings: ChatSettings(model: "kimi-k2.6", hasAPIKey: true))
    let renderer = ScreenRenderer(theme: .dark)

    mutating func exchange(_ question: String, _ reply: String) {
        _ = reduce(&state, .textEntered(question))
        _ = reduce(&state, .keyPressed(.enter))
        answer(reply)
    }

    mutating func answer(_ reply: String) {
        let id = state.activeReply!.requestID
        _ = reduce(&state, .streamEvent(id, .content(reply)))
        _ = reduce(&state, .streamEvent(id, .finished(.stop)))
        _ = reduce(&state, .streamEvent(id, .done))
    }

    @Test("a regenerated reply's header says which version it is; flipping changes it, on screen")
    mutating func versionMark() {
        exchange("Why is the sky blue?", "Rayleigh scattering.")
        _ = reduce(&state, .keyPressed(.ctrl("r")))
        answer("Because blue light scatters most.")
        var lines = renderer.render(state, width: 80, height: 12).lines
        #expect(lines.contains { $0.hasPrefix("Kimi  ‹ 2/2 ›  kimi-k2.6") })
        #expect(!lines.contains { $0.contains("Rayleigh") }, "the old version is not on screen")
        _ = reduce(&state, .keyPressed(.altLeft))
        lines = renderer.render(state, width: 80, height: 12).lines
        #expect(lines.contains { $0.hasPrefix("Kimi  ‹ 1/2 ›") })
        #expect(lines.contains { $0.contains("Rayleigh scattering.") })
        #expect(lines.contains { $0.hasPrefix("You") && !$0.contains("‹") }, "the question has one version")
    }

    @Test("while a question is edited, the status bar says what Enter and Esc do")
    mutating func editingLine() {
        exchange("Q1", "A1")
        _ = reduce(&state, .keyPressed(.alt("e")))
        let lines = renderer.render(state, width: 120, height: 12).lines
        #expect(lines.contains { $0.contains("editing your question: Enter sends it as a new branch, Esc cancels") })
        #expect(lines.contains("› Q1"), "the question is in the input")
        _ = reduce(&state, .keyPressed(.escape))
        #expect(!renderer.render(state, width: 120, height: 12).lines.contains { $0.contains("editing your question") })
    }

    @Test("the outline indents versions, marks the branch shown, and keeps the cursor in its filter")
    mutating func outline() {
        exchange("Q1", "A1")
        exchange("second question", "A2")
        _ = reduce(&state, .keyPressed(.alt("e")))
        _ = reduce(&state, .keyPressed(.ctrl("u")))
        exchange("第二个问题", "回答")
        _ = reduce(&state, .keyPressed(.ctrl("x")))
        _ = reduce(&state, .keyPressed(.character("t")))
        let frame = renderer.render(state, width: 60, height: 14)
        #expect(frame.lines[0].hasPrefix(" Outline · 3 questions"))
        #expect(frame.lines[1] == " Filter:")
        #expect(frame.cursor?.row == 1)
        #expect(frame.lines[3].hasPrefix("  ● Q1"))
        #expect(frame.lines[4].hasPrefix("    ├ second question"))
        #expect(frame.lines[5].hasPrefix("▸ ● └ 第二个问题"))
        #expect(frame.lines.contains { $0.contains("Enter go there · Esc close") })
        _ = reduce(&state, .textEntered("zz"))
        #expect(renderer.render(state, width: 60, height: 14).lines[3].contains("No question matches “zz”"))
    }
}
