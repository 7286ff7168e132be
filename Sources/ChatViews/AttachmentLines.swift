import ChatCore
import ChatDomain
import ScreenKit
import TextLayout

/// What a message carries besides its text, one dim line each: a question's files
/// (`[file: report.pdf · 2.1 MB · ≈12,400 tokens]`, `[image: cat.png 1024×768]`) and a
/// reply's web searches (`searched the web · 3,210 tokens of results`).
public enum AttachmentLines {
    static func lines(for message: TranscriptMessage, theme: Theme) -> [StyledLine] {
        var lines: [StyledLine] = []
        for attachment in message.attachments {
            lines.append(StyledLine(MessageLayout.indent + TerminalSafeText.sanitizeLine(describe(attachment)),
                                    style: theme.marker))
        }
        for round in message.searches {
            for call in round.calls {
                lines.append(StyledLine(MessageLayout.indent + TerminalSafeText.sanitizeLine(describe(call)),
                                        style: theme.reasoning))
            }
        }
        return lines
    }

    public static func describe(_ attachment: Attachment) -> String {
        switch attachment.content {
        case let .image(image):
            let size = image.pixelSize.map { " \($0.width)×\($0.height)" } ?? ""
            return "[image: \(attachment.name)\(size)]"
        case let .document(document):
            let tokens = Int(TokenEstimate.raw(document.text).rounded(.up))
            let how = document.source == .inline ? " · inline" : ""
            return "[file: \(attachment.name) · \(ByteCount.text(attachment.byteCount))\(how) · ≈\(grouped(tokens)) tokens]"
        }
    }

    public static func describe(_ call: ToolCall) -> String {
        guard call.name == WebSearch.toolName else { return "asked for the tool \(call.name) (not run)" }
        var text = "searched the web"
        if let tokens = WebSearch.resultTokens(inArguments: call.arguments) {
            text += " · \(grouped(tokens)) tokens of results"
        }
        if let query = WebSearch.query(inArguments: call.arguments), !query.isEmpty { text += " · “\(query)”" }
        return text
    }

    /// 3210 → "3,210".
    public static func grouped(_ number: Int) -> String {
        DigitGrouping.text(number)
    }
}

/// The rows between the separator and the input: the tray's chips, and Alt-A's path
/// prompt with the names Tab found.
enum AttachmentBarView {
    static func rows(_ state: AppState) -> Int {
        (state.tray.isEmpty ? 0 : 1) + (state.pathPrompt == nil ? 0 : 1)
            + ((state.pathPrompt?.completions.isEmpty ?? true) ? 0 : 1)
    }

    static let promptLabel = "Attach: "

    static func draw(_ state: AppState, layout: ScreenLayout, theme: Theme, into frame: inout Frame) {
        var row = layout.trayTop
        // A terminal too short for these rows gives them none (`ScreenLayout`).
        guard row < layout.inputTop else { return }
        if !state.tray.isEmpty {
            var x = frame.put("+ ", row: row, column: 0, style: theme.marker)
            for (index, item) in state.tray.items.enumerated() {
                let chip = "[" + TerminalSafeText.sanitizeLine(item.chip) + "]"
                let style = index == state.tray.selected ? Style(reverse: true) : theme.marker
                guard x < layout.width else { break }
                x = frame.put(chip, row: row, column: x, style: style, maxColumns: layout.width - x)
                x = frame.put(" ", row: row, column: x, style: .plain, maxColumns: max(0, layout.width - x))
            }
            row += 1
        }
        guard let prompt = state.pathPrompt, row < layout.inputTop else { return }
        let x = frame.put(promptLabel, row: row, column: 0, style: theme.prompt)
        // Long paths show their end, where the typing is.
        let tail = FieldTail(prompt.field, room: max(1, layout.width - x - 1))
        frame.put(tail.shown, row: row, column: x, style: .plain, maxColumns: layout.width - x)
        frame.cursor = (row, x + tail.cursorColumn)
        if !prompt.completions.isEmpty, row + 1 < layout.inputTop {
            let names = prompt.completions.map(TerminalSafeText.sanitizeLine).joined(separator: "  ")
            frame.put(names, row: row + 1, column: 2, style: theme.marker, maxColumns: max(0, layout.width - 2))
        }
    }
}
