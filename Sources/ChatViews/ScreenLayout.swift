import ChatCore

/// How the screen is divided: transcript on top, a separator, the attachment rows
/// (chips, Alt-A's prompt) when there are any, the input pane, the status bar.
struct ScreenLayout: Equatable {
    static let minimumWidth = 20
    static let minimumHeight = 6
    static let maximumInputRows = 6

    let width: Int
    let transcriptRows: Int
    let separatorRow: Int
    /// The first attachment row; `inputTop` when there are none.
    let trayTop: Int
    let inputTop: Int
    let inputRows: Int
    let statusRow: Int

    init(width: Int, height: Int, inputLineCount: Int, trayRows: Int = 0) {
        self.width = width
        inputRows = min(max(1, inputLineCount), ScreenLayout.maximumInputRows, max(1, height - 4))
        statusRow = height - 1
        inputTop = statusRow - inputRows
        // The transcript keeps a row at least.
        trayTop = inputTop - min(max(0, trayRows), max(0, inputTop - 2))
        separatorRow = trayTop - 1
        transcriptRows = max(1, separatorRow)
    }

    /// The layout `state` needs at this size.
    init(_ state: AppState, width: Int, height: Int, input: InputView.Wrapped? = nil) {
        self.init(width: width, height: height,
                  inputLineCount: (input ?? InputView.wrap(state.input, width: width)).rows.count,
                  trayRows: AttachmentBarView.rows(state) + FindLineView.rows(state))
    }
}
