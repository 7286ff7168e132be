import ChatDomain
import ScreenKit
import Testing
@testable import ChatCore
@testable import ChatViews

/// A renderer that starts each frame from the last one draws exactly what a fresh
/// renderer draws, whatever happened in between.
@Suite("Frames started from the last one")
struct FrameMemoryTests {
    @Test("streaming, scrolling away and back, an overlay, a growing input, a resize: every frame as drawn fresh")
    func sameAsFresh() {
        var state = AppState(settings: ChatSettings(model: "m", hasAPIKey: true))
        let remembering = ScreenRenderer(memory: FrameMemory())
        var size = (width: 60, height: 16)
        var checked = 0
        func check(_ step: String) {
            let reused = remembering.render(state, width: size.width, height: size.height)
            let fresh = ScreenRenderer().render(state, width: size.width, height: size.height)
            #expect(reused == fresh, "after \(step)")
            checked += 1
        }
        func type(_ text: String) { _ = reduce(&state, .textEntered(text)) }

        check("start")
        for round in 1...3 {
            type("question \(round) 你好")
            _ = reduce(&state, .keyPressed(.enter))
            check("send \(round)")
            for word in (1...40).map({ "word\($0) 世界 " }) {
                _ = reduce(&state, .streamEvent(round, .content(word)))
                check("delta \(word)")
            }
            _ = reduce(&state, .streamEvent(round, .done))
            check("done \(round)")
        }
        _ = reduce(&state, .transcriptScrolled(remembering.scrolled(state, .pages(-1), width: size.width, height: size.height)))
        check("page up")
        type("draft")
        check("typing while scrolled")
        _ = reduce(&state, .keyPressed(.end))
        state.scroll = .following
        check("back to the end")
        type("\nsecond line\nthird line")
        check("a taller input")
        _ = reduce(&state, .keyPressed(.function(1)))
        check("help open")
        _ = reduce(&state, .keyPressed(.escape))
        check("help closed")
        size = (width: 50, height: 20)
        check("resized")
        #expect(checked > 100)
    }
}
