/// Rows that PgUp/PgDn move: a page, less one row of overlap for context.
func pageRows(_ state: AppState) -> Int {
    max(1, state.transcriptViewportRows - 1)
}

/// The first row shown when following the bottom.
func bottomTopRow(_ state: AppState) -> Int {
    max(0, state.transcriptRows - state.transcriptViewportRows)
}

func scroll(_ state: inout AppState, by rows: Int) {
    let top: Int
    switch state.scroll {
    case .following: top = bottomTopRow(state)
    case let .pinned(topRow): top = topRow
    }
    state.scroll = .pinned(topRow: top + rows)
    clampScroll(&state)
}

/// Keeps a pinned view inside the transcript; reaching the bottom resumes following.
func clampScroll(_ state: inout AppState) {
    guard case let .pinned(topRow) = state.scroll else { return }
    let bottom = bottomTopRow(state)
    state.scroll = topRow >= bottom ? .following : .pinned(topRow: max(0, topRow))
}
