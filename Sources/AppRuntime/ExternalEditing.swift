import ChatCore

/// The port for Ctrl-X Ctrl-E: edits text in the user's own editor, blocking until it
/// closes (the terminal is handed over meanwhile).
public protocol ExternalEditing {
    func edit(_ text: String) -> Result<String, ExternalEditFailure>
}
