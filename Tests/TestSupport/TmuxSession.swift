import Foundation

/// Drives a program inside a private tmux server, as a person at a terminal would:
/// type text and keys, wait for text on screen, read the screen, resize, quit.
///
/// Every wait has a timeout and fails with the captured screen in its message. Waits
/// are async and sleep with `Task.sleep`: a blocked thread would starve Swift's small
/// cooperative pool and stall the other tests running beside this one.
public final class TmuxSession {
    public let socket: String
    public let width: Int
    public let height: Int
    private var isAlive = true
    /// The home the program runs in, kept (and its folder with it) while the session lives.
    var home: KimichatHome?

    /// Starts `command` (run by `sh -c`) at the given size with a UTF-8 locale. When the
    /// command ends, the pane prints `[exited N]` and stays open so the screen can be read.
    public init(command: String, width: Int = 100, height: Int = 30, environment: [String: String] = [:]) throws {
        socket = "kimichat-test-\(UUID().uuidString.prefix(8))"
        self.width = width
        self.height = height
        var variables = ["LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "TERM": "xterm-256color"]
        variables.merge(environment) { $1 }
        var arguments = ["-f", "/dev/null", "new-session", "-d", "-x", String(width), "-y", String(height)]
        for (name, value) in variables.sorted(by: { $0.key < $1.key }) {
            arguments += ["-e", "\(name)=\(value)"]
        }
        // The pane lingers after the program ends so its last screen can be read; a
        // bounded linger means a crashed test run leaves nothing behind for long.
        // tmux sets a pane's TERM from its default-terminal, whatever `-e` says.
        let term = variables["TERM"].map { "export TERM='\($0)'; " } ?? ""
        arguments.append("\(term)\(command); echo \"[exited $?]\"; sleep 120")
        do {
            try ProcessRunner.tmux(socket, arguments, captureOutput: false)
        } catch {
            _ = try? ProcessRunner.tmux(socket, ["kill-server"], captureOutput: false)
            throw error
        }
        try ProcessRunner.tmux(socket, ["set-option", "-g", "escape-time", "0"])
    }

    deinit { kill() }

    /// Types text literally (no key names interpreted).
    public func type(_ text: String) throws {
        try ProcessRunner.tmux(socket, ["send-keys", "-t", "0", "-l", text])
    }

    /// Presses keys by tmux name: "Enter", "Escape", "C-q", "PageUp", "M-Enter"…
    public func press(_ keys: String...) throws {
        try ProcessRunner.tmux(socket, ["send-keys", "-t", "0"] + keys)
    }

    /// The visible screen, one line per row.
    public func capture() throws -> String {
        try ProcessRunner.tmux(socket, ["capture-pane", "-p", "-t", "0"])
    }

    /// The visible screen with its colours and attributes as escape sequences.
    public func captureWithAttributes() throws -> String {
        try ProcessRunner.tmux(socket, ["capture-pane", "-p", "-e", "-t", "0"])
    }

    /// Waits until `text` is on screen; throws with the screen when it does not appear.
    @discardableResult
    public func waitFor(_ text: String, timeout: Duration = .seconds(15)) async throws -> String {
        try await waitUntil("\"\(text)\" on screen", timeout: timeout) { $0.contains(text) }
    }

    /// Waits until the screen satisfies `condition`.
    @discardableResult
    public func waitUntil(_ what: String, timeout: Duration = .seconds(15),
                          _ condition: (String) -> Bool) async throws -> String {
        let deadline = ContinuousClock.now + timeout
        var screen = ""
        while ContinuousClock.now < deadline {
            screen = try capture()
            if condition(screen) { return screen }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw TestSupportError.timedOut("Timed out after \(timeout) waiting for \(what). The screen was:\n"
            + "┌" + String(repeating: "─", count: width) + "┐\n" + screen + "└" + String(repeating: "─", count: width) + "┘")
    }

    public func resize(width: Int, height: Int) throws {
        try ProcessRunner.tmux(socket, ["resize-window", "-t", "0", "-x", String(width), "-y", String(height)])
    }

    /// Whether the program still has the alternate screen (a full-screen app) up.
    public func alternateScreenIsOn() throws -> Bool {
        try ProcessRunner.tmux(socket, ["display-message", "-p", "-t", "0", "#{alternate_on}"])
            .trimmingCharacters(in: .whitespacesAndNewlines) == "1"
    }

    /// The process id of the program in the pane (the shell running it).
    public func panePID() throws -> Int32 {
        Int32(try ProcessRunner.tmux(socket, ["display-message", "-p", "-t", "0", "#{pane_pid}"])
            .trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
    }

    /// The process id of the program the pane's shell runs (the shell's child).
    public func programPID() async throws -> Int32 {
        let shell = try panePID()
        let children = try await ProcessRunner.run("/usr/bin/env", ["pgrep", "-P", String(shell)]).stdout
        guard let pid = children.split(separator: "\n").first.flatMap({ Int32($0) }) else {
            throw TestSupportError.timedOut("no program running under the pane's shell \(shell)")
        }
        return pid
    }

    /// Pastes `text` as a terminal would: wrapped in bracketed-paste markers when the
    /// program asked for them (`paste-buffer -p`).
    public func paste(_ text: String) throws {
        // Through a file: tmux refuses long command lines.
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("kimichat-paste-\(UUID().uuidString)")
        try Data(text.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        try ProcessRunner.tmux(socket, ["load-buffer", file.path])
        try ProcessRunner.tmux(socket, ["paste-buffer", "-p", "-t", "0"])
    }

    /// Where the terminal's real cursor is (column, row), and whether it is shown.
    public func cursor() throws -> (column: Int, row: Int, visible: Bool) {
        let fields = try ProcessRunner.tmux(socket, ["display-message", "-p", "-t", "0",
                                                     "#{cursor_x} #{cursor_y} #{cursor_flag}"])
            .split(separator: " ").map { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1 }
        return (fields[0], fields[1], fields.count > 2 && fields[2] == 1)
    }

    /// Sets a tmux server option (`set-option -s NAME VALUE`).
    public func setServerOption(_ name: String, _ value: String) throws {
        try ProcessRunner.tmux(socket, ["set-option", "-s", name, value])
    }

    /// Appends everything the program writes to the pane to `file`, from now on.
    public func recordOutput(to file: String) throws {
        try ProcessRunner.tmux(socket, ["pipe-pane", "-t", "0", "-o", "cat >> '\(file)'"])
    }

    /// The pane's terminal device, to write to behind the program's back.
    public func paneTTY() throws -> String {
        try ProcessRunner.tmux(socket, ["display-message", "-p", "-t", "0", "#{pane_tty}"])
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The server's socket file, as a program inside would find it in TMUX.
    public func socketPath() throws -> String {
        try ProcessRunner.tmux(socket, ["display-message", "-p", "-t", "0", "#{socket_path}"])
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The pane's title, which an OSC 0 or OSC 2 sequence from the program would change.
    public func paneTitle() throws -> String {
        try ProcessRunner.tmux(socket, ["display-message", "-p", "-t", "0", "#{pane_title}"])
            .trimmingCharacters(in: .newlines)
    }

    /// tmux's newest paste buffer (what an OSC 52 copy put there), or nil if there is none.
    public func pasteBuffer() -> String? {
        try? ProcessRunner.tmux(socket, ["show-buffer"])
    }

    public func kill() {
        guard isAlive else { return }
        isAlive = false
        _ = try? ProcessRunner.tmux(socket, ["kill-server"], captureOutput: false)
    }
}
