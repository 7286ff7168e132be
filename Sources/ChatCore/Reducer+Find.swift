import ChatDomain
import ScreenKit

/// F3 (and Ctrl-X /): find in the open conversation. Each change of the text asks the
/// store for the branch's messages holding the words; the hit nearest the view is
/// shown and marked, Enter and Shift-F3 step through the rest, and a hit above what
/// was read has the pages down to it read first.

/// F3: opens the find line, or on an open one goes to the next hit.
func openFind(_ state: inout AppState) -> [AppEffect] {
    if state.find != nil { return stepFind(&state, by: 1) }
    state.find = FindLine()
    state.statusNote = nil
    // Asked at once with nothing typed: the store reads the branch while the first
    // letter is still being typed.
    return askFind(&state)
}

func reduceFindKey(_ state: inout AppState, _ key: Key) -> [AppEffect] {
    guard state.find != nil else { return [] }
    if key == .pasteBegin || key == .pasteEnd {
        state.isPasting = key == .pasteBegin
        return []
    }
    if case let .character(character) = key { return reduceFindText(&state, String(character)) }
    // A line break in a paste is a space between words, as in the list's filter.
    if state.isPasting, key == .enter || key == .ctrl("j") { return reduceFindText(&state, " ") }
    switch state.settings.overlayKeys.find.command(for: key) {
    case .next: return state.isPasting ? [] : stepFind(&state, by: 1)
    case .previous: return stepFind(&state, by: -1)
    case .close:
        state.find = nil
        state.highlight = nil
        return []
    case .scrollPageUp: return [.scrollTranscript(.pages(-1))]
    case .scrollPageDown: return [.scrollTranscript(.pages(1))]
    case .scrollLineUp: return [.scrollTranscript(.lines(-1))]
    case .scrollLineDown: return [.scrollTranscript(.lines(1))]
    case let .edit(edit):
        guard var find = state.find else { return [] }
        let before = find.field.text
        edit.apply(to: &find.field)
        state.find = find
        return find.field.text == before ? [] : askFind(&state)
    case nil:
        return []
    }
}

/// The find line kept across a reload of the same conversation: its text is asked again.
func reopenFind(_ state: inout AppState, _ find: FindLine?) -> [AppEffect] {
    guard let find else { return [] }
    var kept = FindLine()
    kept.field = find.field
    state.find = kept
    return askFind(&state)
}

/// Typed or pasted text goes into the find line, on one line.
func reduceFindText(_ state: inout AppState, _ text: String) -> [AppEffect] {
    let line = String(text.map { $0 == "\n" || $0 == "\r" ? " " : $0 })
    state.find?.field.insert(line)
    return askFind(&state)
}

/// Asks the store for the hits of the text as it is now.
private func askFind(_ state: inout AppState) -> [AppEffect] {
    guard var find = state.find else { return [] }
    find.search = state.takeSearchNumber()
    state.find = find
    let leaf = state.tree.leaf
    guard leaf != TranscriptTree.root else {
        let words = find.field.text.split(whereSeparator: \.isWhitespace).map(String.init)
        return reduceFound(&state, search: find.search, FoundInConversation(words: words))
    }
    return [.findInConversation(search: find.search, state.conversation, leaf: state.reference(of: leaf),
                                query: find.field.text, from: rowAtTheTopOfTheView(state))]
}

/// The row of the first saved message from the top of the view down; nil while
/// following the end.
private func rowAtTheTopOfTheView(_ state: AppState) -> StoredMessageID? {
    guard case let .pinned(anchor) = state.scroll, var index = state.messageIndex(atOrAfter: anchor.messageID) else {
        return nil
    }
    while index < state.messages.count {
        if let row = state.tree.row(of: state.messages[index].id) { return row }
        index += 1
    }
    return nil
}

/// The store's answer: the first (the hit nearest the view) is shown and marked; the
/// second (every hit) keeps that hit, now with its number.
func reduceFound(_ state: inout AppState, search: Int, _ found: FoundInConversation) -> [AppEffect] {
    guard var find = state.find, find.search == search else { return [] }
    let shown = find.foundText == find.field.text ? find.current.flatMap { find.found?.hits[$0] } : nil
    let awaited = find.awaitedRow
    find.take(found, for: find.field.text)
    if let shown, let index = found.hits.firstIndex(of: shown) {
        find.current = index
        find.awaitedRow = awaited
        state.find = find
        return []
    }
    find.awaitedRow = nil
    state.find = find
    state.highlight = nil
    guard let first = nearestHit(state, found) else { return [] }
    return showHit(&state, first)
}

/// The first hit from the top of the view down; while following the end, the last.
private func nearestHit(_ state: AppState, _ found: FoundInConversation) -> Int? {
    guard !found.hits.isEmpty else { return nil }
    guard let row = rowAtTheTopOfTheView(state) else { return found.hits.count - 1 }
    return found.hits.firstIndex { $0 >= row } ?? found.hits.count - 1
}

/// Enter and Shift-F3: the next or previous hit, round from the last to the first.
private func stepFind(_ state: inout AppState, by step: Int) -> [AppEffect] {
    guard let find = state.find, let hits = find.found?.hits, !hits.isEmpty else { return [] }
    let next = find.current.map { ($0 + step + hits.count) % hits.count } ?? (step > 0 ? 0 : hits.count - 1)
    return showHit(&state, next)
}

/// Scrolls to hit `index` and marks it; one above what was read waits for the pages
/// down to it.
private func showHit(_ state: inout AppState, _ index: Int) -> [AppEffect] {
    guard var find = state.find, let found = find.found, found.hits.indices.contains(index) else { return [] }
    find.current = index
    let row = found.hits[index]
    if let node = state.tree.node(ofRow: row), state.shownMessage(node) != nil {
        find.awaitedRow = nil
        state.find = find
        state.scroll = .pinned(TranscriptAnchor(messageID: node, line: 0, seekingWords: found.words))
        state.highlight = TranscriptHighlight(messageID: node, words: found.words)
        return readEarlierIfNearTheTop(&state)
    }
    guard state.hasEarlierOnBranch else {
        // Not on the branch any more (another window changed it).
        find.awaitedRow = nil
        state.find = find
        return []
    }
    find.awaitedRow = row
    state.find = find
    return readEarlier(&state, count: pagesDown(to: found.positions[index], state, found))
}

/// How many messages to read to reach the hit at `place` on the branch, with some
/// above it to scroll to.
private func pagesDown(to place: Int, _ state: AppState, _ found: FoundInConversation) -> Int {
    let read = state.messages.reduce(0) { $0 + (state.tree.row(of: $1.id) == nil ? 0 : 1) }
    let oldestRead = found.branchLength - read
    return max(EarlierMessages.pageSize, oldestRead - place + EarlierMessages.nearTheTop)
}

/// Earlier messages came in: the hit waiting for them is shown, or more are read.
func showAwaitedHit(_ state: inout AppState) -> [AppEffect] {
    guard let find = state.find, find.awaitedRow != nil, let current = find.current else { return [] }
    return showHit(&state, current)
}

/// A read of earlier messages failed: the hit waiting for it is not shown.
func forgetAwaitedHit(_ state: inout AppState) {
    state.find?.awaitedRow = nil
}
