/// What a key does. One table (`KeyMap`) maps keys to commands for dispatch and help.
public enum Command: Sendable, Equatable {
    case send
    case insertNewline
    case stopOrClose
    case interrupt
    case quit
    case quitIfInputEmptyElseDeleteForward
    case scrollPageUp, scrollPageDown, scrollLineUp, scrollLineDown, previousMessage, nextMessage
    case topOrLineStart, bottomOrLineEnd
    case moveLeft, moveRight, moveUp, moveDown
    case moveLineStart, moveLineEnd, moveWordBackward, moveWordForward
    case deleteBackward, deleteForward
    case killToLineEnd, killToLineStart, killWordBackward, killWordForward, yank
    case newConversation, openConversationList, openModelPicker, toggleThinking, openHelp
    /// Alt-Y: the message at the top of the view while scrolled, else the last reply.
    case copyMessage
    /// Alt-C: the code blocks of that message, one per press.
    case copyCodeBlock
    /// Ctrl-R: ask again for a reply to the last question.
    case regenerate
    /// Ctrl-X: the first key of a two-key command (`ChordKeyMap`).
    case beginChord
    /// Alt-E: rewrite a question; Enter sends it as a new version beside the old.
    case editQuestion
    /// Alt-Left / Alt-Right: the older or newer version of a message.
    case previousVersion, nextVersion
    /// Alt-A: attach a file to the next message.
    case attachFile
    /// Alt-W: Kimi's web search on or off for the conversation.
    case toggleWebSearch
    /// Alt-S: this conversation's settings.
    case openSettings
    /// F3: find in this conversation.
    case find
    /// Ctrl-Z: stop kimichat and give the shell the terminal; `fg` brings it back.
    case suspend
}
