/// How the screen is divided: transcript on top, a separator, the input pane, the status bar.
struct ScreenLayout: Equatable {
    static let minimumWidth = 20
    static let minimumHeight = 6
    static let maximumInputRows = 6

    let width: Int
    let transcriptRows: Int
    let separatorRow: Int
    let inputTop: Int
    let inputRows: Int
    let statusRow: Int

    init(width: Int, height: Int, inputLineCount: Int) {
        self.width = width
        inputRows = min(max(1, inputLineCount), ScreenLayout.maximumInputRows, max(1, height - 4))
        statusRow = height - 1
        inputTop = statusRow - inputRows
        separatorRow = inputTop - 1
        transcriptRows = max(1, separatorRow)
    }
}
