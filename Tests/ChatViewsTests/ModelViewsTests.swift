import ChatDomain
import Foundation
import ScreenKit
import Testing
@testable import ChatCore
@testable import ChatViews

@Suite("Model picker, thinking block, history mark and help on screen")
struct ModelViewsTests {
    static let models = [
        ModelInfo(id: "kimi-k2.6", contextLength: 262_144, thinking: .byDefault, vision: true, replyBudget: 32_768,
                  fixedSampling: true, description: "General model", isOffered: true),
        ModelInfo(id: "moonshot-v1-8k", contextLength: 8_192, thinking: .never, vision: false, replyBudget: 2_048,
                  fixedSampling: false, temperatureRange: 0...1, description: "Classic", isOffered: false),
    ]

    var state = AppState(settings: ChatSettings(model: "kimi-k2.6", hasAPIKey: true), models: models)
    let renderer = ScreenRenderer(theme: .dark)

    @Test("the picker lists each model's facts, marks the current one, and keeps the cursor in the filter")
    mutating func picker() {
        _ = reduce(&state, .keyPressed(.ctrl("t")))
        _ = reduce(&state, .modelsListed(Self.models, note: "Could not fetch the endpoint's models; showing the bundled catalogue."))
        let frame = renderer.render(state, width: 100, height: 14)
        #expect(frame.lines[0].hasPrefix(" Models · 2 shown · current: kimi-k2.6"))
        #expect(frame.lines[1] == " Filter:")
        #expect(frame.cursor?.row == 1)
        #expect(frame.lines[3].hasPrefix("▸ ● kimi-k2.6"))
        #expect(frame.lines[3].contains("256K  thinks  images  General model"))
        #expect(frame.lines[4].contains("moonshot-v1-8k"))
        #expect(frame.lines[4].contains("8K"))
        #expect(frame.lines[4].hasSuffix("Classic (not offered here)"))
        // The endpoint's list is known (kimi-k2.6 is on it): a model not on it is dimmed, name and all.
        #expect(frame.rows[4][4].style.dim && !frame.rows[4][4].style.bold, "\(frame.rows[4][4])")
        #expect(!frame.rows[3][4].style.dim)
        #expect(frame.lines.contains { $0.hasPrefix(" Could not fetch the endpoint's models") })
        _ = reduce(&state, .textEntered("zz"))
        #expect(renderer.render(state, width: 100, height: 14).lines[3].contains("No model matches “zz”"))
    }

    @Test("thinking streams under a timer, then folds to one line when the answer starts")
    mutating func thinkingBlock() {
        _ = reduce(&state, .textEntered("hi"))
        _ = reduce(&state, .keyPressed(.enter))
        _ = reduce(&state, .streamEvent(1, .reasoning("First I consider.\nThen I answer.")))
        for _ in 0..<12 { _ = reduce(&state, .tick) }
        var lines = renderer.render(state, width: 60, height: 16).lines
        #expect(lines.contains { $0.contains("thinking… 1.2 s") })
        #expect(lines.contains("  │ First I consider."))
        _ = reduce(&state, .streamEvent(1, .content("Hello there.")))
        lines = renderer.render(state, width: 60, height: 16).lines
        #expect(lines.contains("  ▸ thought for 1.2 s · 2 lines"))
        #expect(!lines.contains("  │ First I consider."))
        #expect(lines.contains("  Hello there."))
        _ = reduce(&state, .keyPressed(.alt("t")))
        lines = renderer.render(state, width: 60, height: 16).lines
        #expect(lines.contains("  ▾ thought for 1.2 s"))
        #expect(lines.contains("  │ First I consider."))
    }

    @Test("a reply stopped while it still thought folds its thinking too; a narrow window cuts the line with …")
    mutating func stoppedWhileThinking() {
        _ = reduce(&state, .textEntered("hi"))
        _ = reduce(&state, .keyPressed(.enter))
        _ = reduce(&state, .streamEvent(1, .reasoning("First I consider.\nThen I consider more.")))
        for _ in 0..<25 { _ = reduce(&state, .tick) }
        _ = reduce(&state, .keyPressed(.escape))
        var lines = renderer.render(state, width: 60, height: 16).lines
        #expect(lines.contains("  ▸ thought for 2.5 s · 2 lines"), "\(lines)")
        #expect(!lines.contains("  │ First I consider."))
        lines = renderer.render(state, width: 22, height: 16).lines
        #expect(lines.contains("  ▸ thought for 2.5 s…"), "\(lines)")
    }

    @Test("a reply says how many earlier messages were not sent")
    func omittedMark() {
        var state = AppState(settings: ChatSettings(model: "kimi-k2.6", hasAPIKey: true, history: .keepRounds(0)),
                             models: Self.models)
        for text in ["one", "two"] {
            _ = reduce(&state, .textEntered(text))
            _ = reduce(&state, .keyPressed(.enter))
            _ = reduce(&state, .streamEvent(state.activeReply?.requestID ?? 0, .content("ok")))
            _ = reduce(&state, .streamEvent(state.activeReply?.requestID ?? 0, .done))
        }
        let text = ScreenRenderer(theme: .dark).render(state, width: 120, height: 20).lines.joined(separator: "\n")
        #expect(text.contains("(2 earlier messages not sent: context window or history.keep_rounds)"))
    }

    @Test("help lists the keys from the key table and the conversation's token totals")
    mutating func help() {
        _ = reduce(&state, .textEntered("hi"))
        _ = reduce(&state, .keyPressed(.enter))
        _ = reduce(&state, .streamEvent(1, .usage(Usage(promptTokens: 10, completionTokens: 5, totalTokens: 15,
                                                         cachedTokens: 4))))
        _ = reduce(&state, .streamEvent(1, .done))
        _ = reduce(&state, .keyPressed(.function(1)))
        var lines = renderer.render(state, width: 110, height: 24).lines
        #expect(lines[1].contains("1 replies, 10 prompt tokens (4 cached, 40%), 5 completion tokens, 15 in all"))
        #expect(lines.contains { $0.hasPrefix("  Ctrl-T") && $0.contains("choose the model") })
        #expect(lines[0].contains("scroll (1–"), "more keys than rows: it says it scrolls")
        // Paging through help shows every binding of the key table.
        var seen = Set<String>()
        for _ in 0..<14 {
            seen.formUnion(lines)
            _ = reduce(&state, .keyPressed(.pageDown))
            lines = renderer.render(state, width: 110, height: 24).lines
        }
        for binding in KeyMap.bindings {
            #expect(seen.contains { $0.contains(binding.summary) }, "\(binding.label) is in help")
        }
    }

    @Test("the page the reducer stops at is the view's last page: it ends on the last key")
    mutating func helpLastPage() {
        _ = reduce(&state, .overlayRowsMeasured(renderer.overlayRows(state, width: 110, height: 24)))
        _ = reduce(&state, .keyPressed(.function(1)))
        _ = reduce(&state, .keyPressed(.end))
        guard case let .help(first) = state.overlay else {
            Issue.record("help is not open")
            return
        }
        let count = HelpPage.entries.count
        let header = renderer.render(state, width: 110, height: 24).lines[0]
        #expect(header.contains("(\(first + 1)–\(count) of \(count))"), "\(header)")
    }
}

@Suite("Themes")
struct ThemeTests {
    /// A screen that uses most styles: Markdown, thinking, an error, the status bar.
    static func busyScreen(_ theme: Theme) -> Frame {
        var state = AppState(settings: ChatSettings(model: "kimi-k2.6", hasAPIKey: true))
        _ = reduce(&state, .textEntered("hi"))
        _ = reduce(&state, .keyPressed(.enter))
        _ = reduce(&state, .streamEvent(1, .reasoning("thinking")))
        _ = reduce(&state, .streamEvent(1, .content("# Head\n**bold** `code` [link](http://x)\n```\nlet x\n```\n| a | b |\n")))
        _ = reduce(&state, .streamFailed(1, .interrupted("cut")))
        return ScreenRenderer(theme: theme).render(state, width: 60, height: 24)
    }

    @Test("NO_COLOR's theme draws with attributes only: no cell has a colour")
    func monochrome() {
        let frame = Self.busyScreen(.monochrome)
        for row in frame.rows {
            for cell in row {
                #expect(cell.style.foreground == nil && cell.style.background == nil)
            }
        }
        #expect(frame.rows.joined().contains { $0.style.bold })
    }

    @Test("dark and light themes draw the same text; config names them")
    func themes() {
        let dark = Self.busyScreen(.dark)
        let light = Self.busyScreen(.light)
        #expect(dark.lines == light.lines)
        #expect(zip(dark.rows.joined(), light.rows.joined()).contains { $0.style != $1.style },
                "the light theme colours some cell differently")
        #expect(Theme.named("Light") != nil)
        #expect(Theme.named("purple") == nil)
    }
}
