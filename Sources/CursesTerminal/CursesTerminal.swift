import CNcursesw
import ScreenKit
#if canImport(Glibc)
import Glibc
#endif

/// The only code that calls ncurses: draws frames and reads keys on the UI's thread.
public final class CursesTerminal: InteractiveTerminal {
    private let watcher: InputWatcher
    private var colorPairs: ColorPairs
    private var isRunning = false
    private var pendingKeys: [Key] = []
    private var drawBuffer: [wchar_t] = []

    public private(set) var rows: Int
    public private(set) var columns: Int
    public var events: AsyncStream<TerminalEvent> { watcher.events }
    /// Whether the user's locale was UTF-8; when it was not, characters are read and
    /// drawn as UTF-8 anyway, and the chat says how to fix the locale.
    public let userLocaleIsUTF8: Bool

    /// Takes over the terminal: alternate screen, raw keys, bracketed paste, and the mouse
    /// wheel unless `mouse` is false (`[ui] mouse = false`: the terminal keeps the mouse,
    /// so its own selection works without Shift).
    public init(useColor: Bool, mouse: Bool = true) throws {
        userLocaleIsUTF8 = ProcessLocale.userLocaleIsUTF8
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { throw TerminalError.notATerminal }
        try Self.checkTerminalType()
        watcher = try InputWatcher()
        kc_save_terminal_modes()
        kc_install_signal_handlers(watcher.wakeWrite)
        guard initscr() != nil else { throw TerminalError.setupFailed("initscr failed (is TERM set?)") }
        raw()
        noecho()
        nonl()
        keypad(kc_stdscr(), true)
        // Lets ncurses scroll the terminal (a scroll region and a line feed) when the
        // transcript moves up a line, instead of rewriting every row of it.
        idlok(kc_stdscr(), true)
        nodelay(kc_stdscr(), true)
        // A frame is always finished: without this, every refresh first polls the
        // keyboard (a system call per frame) to give up early when a key is waiting.
        typeahead(-1)
        set_escdelay(25)
        let colorAvailable = useColor && has_colors()
        if colorAvailable {
            start_color()
            use_default_colors()
        }
        colorPairs = ColorPairs(enabled: colorAvailable)
        for (sequence, code) in ExtraKeyCode.sequences { define_key(sequence, code) }
        if mouse {
            _ = mousemask(kc_button4_pressed() | kc_button5_pressed(), nil)
            mouseinterval(0)
        }
        Self.writeRaw("\u{1B}[?2004h")
        rows = Int(kc_lines())
        columns = Int(kc_cols())
        isRunning = true
        watcher.start()
    }

    deinit { stop() }

    /// initscr exits the process on an unknown TERM; this says why, and what to do.
    private static func checkTerminalType() throws {
        let name = getenv("TERM").map { String(cString: $0) } ?? ""
        guard !name.isEmpty else { throw TerminalError.unusableType(.unset) }
        guard name != "dumb" else { throw TerminalError.unusableType(.cannotDraw(name)) }
        switch kc_check_terminal() {
        case 1: return
        case 2: throw TerminalError.unusableType(.cannotDraw(name))
        default: throw TerminalError.unusableType(.unknown(name))
        }
    }

    public func stop() {
        guard isRunning else { return }
        isRunning = false
        watcher.stop()
        Self.writeRaw("\u{1B}[?2004l")
        _ = mousemask(0, nil)
        curs_set(1)
        endwin()
        kc_restore_signal_handlers()
    }

    public func runOutside(_ body: () -> Void) {
        Self.writeRaw("\u{1B}[?2004l")
        def_prog_mode()
        endwin()
        body()
        reset_prog_mode()
        Self.writeRaw("\u{1B}[?2004h")
        clearok(kc_stdscr(), true)
        adoptNewSize()
    }

    public func suspend() {
        runOutside { kc_stop_process() }
    }

    public func recoverAfterStop() {
        // Stopped by someone else (kill -STOP), the shell may have put its own modes on
        // the terminal and drawn over the screen.
        reset_prog_mode()
        Self.writeRaw("\u{1B}[?2004h")
        clearok(kc_stdscr(), true)
        adoptNewSize()
    }

    public func adoptNewSize() {
        var newRows: Int32 = 0
        var newColumns: Int32 = 0
        if kc_terminal_size(&newRows, &newColumns) == 0 {
            resizeterm(newRows, newColumns)
        }
        rows = Int(kc_lines())
        columns = Int(kc_cols())
    }

    // MARK: - Keys

    public func readKeys() -> [Key] {
        defer { watcher.inputDrained() }
        var raws: [RawKey] = []
        while let raw = nextRaw() { raws.append(raw) }
        return KeyDecoder.keys(raws)
    }

    private func nextRaw() -> RawKey? {
        var code: wint_t = 0
        let result = wget_wch(kc_stdscr(), &code)
        if result == OK { return .character(code) }
        guard result == KEY_CODE_YES else { return nil }
        let function = Int32(bitPattern: code)
        guard function == KEY_MOUSE else { return .function(function) }
        var event = MEVENT()
        return .mouse(getmouse(&event) == OK ? event.bstate : 0)
    }

    // MARK: - Drawing

    public func drawRow(_ row: Int, cells: [Cell]) {
        var column = 0
        var index = 0
        while index < cells.count {
            let style = cells[index].style
            let start = column
            drawBuffer.removeAll(keepingCapacity: true)
            while index < cells.count, cells[index].style == style {
                let cell = cells[index]
                index += 1
                column += 1
                if cell.isContinuation { continue }
                for scalar in cell.character.unicodeScalars { drawBuffer.append(wchar_t(bitPattern: scalar.value)) }
            }
            let pair = colorPairs.pair(for: style)
            drawBuffer.withUnsafeBufferPointer { buffer in
                _ = kc_draw(kc_stdscr(), Int32(row), Int32(start), buffer.baseAddress, Int32(buffer.count),
                            attributes(for: style), pair)
            }
        }
    }

    public func placeCursor(_ position: (row: Int, column: Int)?) {
        if let position {
            wmove(kc_stdscr(), Int32(position.row), Int32(position.column))
            curs_set(1)
        } else {
            curs_set(0)
        }
    }

    /// OSC 52, written straight to the tty after the frame, which ncurses has already
    /// sent: an OSC sequence changes no cell, so ncurses' idea of the screen stays true.
    public func copyToClipboard(_ text: String) {
        let bytes = Array(ClipboardSequence.osc52(text).sequence.utf8)
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(STDOUT_FILENO, buffer.baseAddress! + offset, buffer.count - offset)
                if written <= 0 { return }
                offset += written
            }
        }
    }

    public func flush() {
        wnoutrefresh(kc_stdscr())
        doupdate()
    }

    private func attributes(for style: Style) -> attr_t {
        var value = kc_attr_normal()
        if style.bold { value |= kc_attr_bold() }
        if style.dim { value |= kc_attr_dim() }
        if style.italic { value |= kc_attr_italic() }
        if style.underline { value |= kc_attr_underline() }
        if style.reverse { value |= kc_attr_reverse() }
        return value
    }

    /// Bytes ncurses does not know how to send (bracketed paste on/off).
    static func writeRaw(_ text: String) {
        var bytes = Array(text.utf8)
        _ = write(STDOUT_FILENO, &bytes, bytes.count)
    }
}
