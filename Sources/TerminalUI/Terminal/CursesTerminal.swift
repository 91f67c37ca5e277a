import CCurses
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The real terminal, through ncursesw: wide characters, colours, function keys and resizes.
///
/// Use it from one thread only, the UI loop's: ncurses is not thread-safe, so this class is
/// deliberately not `Sendable`. Opening it puts the terminal in full-screen mode;
/// `restore()` (also run by `deinit`, at exit, and on SIGINT/SIGTERM) gives it back.
///
/// ```swift
/// let terminal = try CursesTerminal()
/// defer { terminal.restore() }
/// ```
///
/// Resizes arrive as `.resize` from `readKey`: ncurses handles SIGWINCH itself, and a
/// Dispatch signal source for SIGWINCH would steal the signal from it.
public final class CursesTerminal: Terminal {
    private typealias Window = UnsafeMutablePointer<WINDOW>?

    private let screen: OpaquePointer
    private let output: UnsafeMutablePointer<FILE>
    private let input: UnsafeMutablePointer<FILE>
    private let colorCount: Int
    private var pairs: ColorPairs
    private var previous: Frame?
    private var isOpen = true
    /// Whether the locale's character set is UTF-8; otherwise non-ASCII text shows as `?`.
    private let isUTF8: Bool

    /// Opens the terminal on standard input and output; `escapeDelay` is how long (ms) Esc waits
    /// for a sequence. With `mouse`, clicks and the wheel arrive as `.mouse` (the terminal's own
    /// text selection then needs Shift, as in every mouse-aware program).
    public init(escapeDelay: Int = 25, mouse: Bool = false) throws(TerminalError) {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { throw .notATerminal }
        setlocale(LC_ALL, "")
        isUTF8 = String(cString: nl_langinfo(nl_item(CODESET))) == "UTF-8"
        // Installed before newterm so that ncurses keeps ours instead of adding its own.
        CursesProcessHooks.install()
        // Own copies of the descriptors, so closing these streams never closes stdin or stdout.
        guard let output = fdopen(dup(STDOUT_FILENO), "w") else { throw .notATerminal }
        guard let input = fdopen(dup(STDIN_FILENO), "r") else {
            fclose(output)
            throw .notATerminal
        }
        // newterm, never initscr: initscr exits the process when TERM is unusable.
        guard let screen = newterm(nil, output, input) else {
            fclose(output)
            fclose(input)
            throw .unsupportedTerminal(term: getenv("TERM").map { String(cString: $0) })
        }
        self.screen = screen
        self.output = output
        self.input = input
        CursesProcessHooks.screenIsOpen.store(true, ordering: .sequentiallyConsistent)
        let window = ccurses_stdscr()
        noecho()
        cbreak()
        nonl()
        keypad(window, true)
        intrflush(window, false)
        set_escdelay(Int32(escapeDelay))
        if mouse {
            // Presses, not clicks: no click-resolution delay, a row selects as the button goes down.
            mouseinterval(0)
            mousemask(ccurses_button1_pressed() | ccurses_button1_clicked() | ccurses_wheel_up() | ccurses_wheel_down(), nil)
        }
        curs_set(0)
        if has_colors() {
            start_color()
            use_default_colors()
            colorCount = Int(ccurses_colors())
        } else {
            colorCount = 0
        }
        pairs = ColorPairs(capacity: min(Int(ccurses_color_pairs()), Int(Int16.max)))
    }

    deinit {
        restore()
        delscreen(screen)
        fclose(output)
        fclose(input)
    }

    /// Gives the terminal back (leaves full-screen mode, shows the cursor); safe to call more than once.
    public func restore() {
        guard isOpen else { return }
        isOpen = false
        if CursesProcessHooks.screenIsOpen.exchange(false, ordering: .sequentiallyConsistent) {
            curs_set(1)
            endwin()
        }
    }

    public var size: Size {
        let window = ccurses_stdscr()
        return Size(width: Int(getmaxx(window)), height: Int(getmaxy(window)))
    }

    public func draw(_ frame: Frame) {
        guard isOpen else { return }
        let window = ccurses_stdscr()
        if previous == nil || previous?.size != frame.size {
            werase(window)
            clearok(window, true)
        }
        for change in frame.changes(from: previous) where !change.cell.isContinuation {
            write(change.cell, x: change.point.x, y: change.point.y, window: window)
        }
        previous = frame
        setCursor(frame.cursor)
        wnoutrefresh(window)
    }

    public func clear() {
        guard isOpen else { return }
        previous = nil
        let window = ccurses_stdscr()
        werase(window)
        clearok(window, true)
    }

    public func flush() {
        // After a signal gave the terminal back, shutdown work may still run: draw nothing more.
        guard isOpen, CursesProcessHooks.screenIsOpen.load(ordering: .sequentiallyConsistent) else { return }
        doupdate()
    }

    public func setCursor(_ position: Point?) {
        guard isOpen else { return }
        guard let position else {
            curs_set(0)
            return
        }
        wmove(ccurses_stdscr(), Int32(position.y), Int32(position.x))
        curs_set(1)
    }

    public func readKey(timeout: Duration?) -> KeyEvent? {
        guard isOpen else { return nil }
        let window = ccurses_stdscr()
        let milliseconds = timeout.map { Int32(min(Double(Int32.max), max(0, ($0 / .milliseconds(1)).rounded(.up)))) } ?? -1
        wtimeout(window, milliseconds)
        var code: wint_t = 0
        switch wget_wch(window, &code) {
        case OK: return Self.key(forCharacter: code)
        case KEY_CODE_YES: return keyForFunctionCode(Int32(bitPattern: code))
        default: return nil
        }
    }

    /// Writes OSC 52 (`ESC ] 52 ; c ; base64 BEL`) straight to the terminal, between frames.
    /// In tmux this needs `set-clipboard on` (tmux then keeps it as a paste buffer too).
    public func copyToClipboard(_ text: String) {
        guard isOpen else { return }
        fputs(OSC52.sequence(for: text), output)
        fflush(output)
    }

    // MARK: - Keys

    private static func key(forCharacter code: wint_t) -> KeyEvent? {
        switch code {
        case 10, 13: return .enter
        case 27: return .escape
        case 9: return .tab
        case 8, 127: return .backspace
        default: return Unicode.Scalar(UInt32(code)).map { .character(Character($0)) }
        }
    }

    private func keyForFunctionCode(_ code: Int32) -> KeyEvent? {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_HOME: return .home
        case KEY_END: return .end
        case KEY_ENTER: return .enter
        case KEY_BTAB: return .backTab
        case KEY_BACKSPACE: return .backspace
        case KEY_DC: return .delete
        case ccurses_key_resize():
            // The screen may have been reflowed: the next draw repaints everything.
            previous = nil
            return .resize(size)
        case ccurses_key_f(1)...ccurses_key_f(12): return .function(Int(code - ccurses_key_f(0)))
        case ccurses_key_mouse(): return mouseEvent()
        default: return nil
        }
    }

    /// The mouse event ncurses decoded, if it is one we report.
    private func mouseEvent() -> KeyEvent? {
        var event = MEVENT()
        guard getmouse(&event) == OK else { return nil }
        let point = Point(x: Int(event.x), y: Int(event.y))
        let state = event.bstate
        if state & ccurses_wheel_up() != 0 { return .mouse(MouseEvent(.wheelUp, at: point)) }
        if state & ccurses_wheel_down() != 0 { return .mouse(MouseEvent(.wheelDown, at: point)) }
        if state & (ccurses_button1_pressed() | ccurses_button1_clicked()) != 0 { return .mouse(MouseEvent(.press, at: point)) }
        return nil
    }

    // MARK: - Cells

    private func write(_ cell: Cell, x: Int, y: Int, window: Window) {
        let attributes = attributes(for: cell.style)
        let pair = pairNumber(for: cell.style)
        let scalars = Self.drawableScalars(of: cell.symbol)
        if scalars.count == 1, scalars[0].isASCII {
            put(scalars, attributes: attributes, pair: pair, x: x, y: y, window: window)
            return
        }
        // ncurses places characters by the C library's widths; where those disagree with ours,
        // write something that covers exactly the columns our frame expects.
        let written = isUTF8 && put(scalars, attributes: attributes, pair: pair, x: x, y: y, window: window)
        let advanced = getcury(window) == Int32(y) ? Int(getcurx(window)) - x : cell.width
        if !written || advanced <= 0 || advanced > cell.width {
            put(["?"], attributes: attributes, pair: pair, x: x, y: y, window: window)
            if cell.width == 2 { put([" "], attributes: attributes, pair: pair, x: x + 1, y: y, window: window) }
        } else if advanced < cell.width {
            put([" "], attributes: attributes, pair: pair, x: x + advanced, y: y, window: window)
        }
    }

    /// The base scalar and its combining marks: what both ncurses and terminals agree on.
    ///
    /// Variation selectors, zero-width joiners and what follows them are dropped, so an emoji
    /// sequence is drawn as its first emoji (❤️ as ❤, 👨‍👩‍👧 as 👨): terminals disagree on the width
    /// of whole sequences, and one column of disagreement shifts the rest of the row.
    private static func drawableScalars(of symbol: String) -> [Unicode.Scalar] {
        var result: [Unicode.Scalar] = []
        for scalar in symbol.unicodeScalars {
            if result.isEmpty {
                result.append(scalar)
                continue
            }
            switch scalar.value {
            case 0xFE00...0xFE0F, 0xE0100...0xE01EF: continue  // variation selectors
            case 0x200D: return result  // zero-width joiner: keep only what precedes it
            default: break
            }
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .enclosingMark, .spacingMark: result.append(scalar)
            default: return result
            }
        }
        return result
    }

    /// Writes one character cell; false when ncurses cannot represent the characters.
    @discardableResult
    private func put(
        _ scalars: [Unicode.Scalar], attributes: attr_t, pair: Int16, x: Int, y: Int, window: Window
    ) -> Bool {
        // setcchar keeps the spacing character and the zero-width ones after it (up to CCHARW_MAX).
        var characters = scalars.prefix(Int(CCHARW_MAX)).map { wchar_t(bitPattern: $0.value) }
        guard !characters.isEmpty else { return false }
        characters.append(0)
        var cell = cchar_t()
        guard setcchar(&cell, characters, attributes, pair, nil) == OK else { return false }
        // At the bottom-right corner mvwadd_wch reports ERR although it wrote: its status is no signal.
        mvwadd_wch(window, Int32(y), Int32(x), &cell)
        return true
    }

    private func attributes(for style: Style) -> attr_t {
        var attributes = ccurses_a_normal()
        if style.bold { attributes |= ccurses_a_bold() }
        if style.underline { attributes |= ccurses_a_underline() }
        if style.reverse { attributes |= ccurses_a_reverse() }
        if style.dim { attributes |= ccurses_a_dim() }
        return attributes
    }

    private func pairNumber(for style: Style) -> Int16 {
        guard colorCount > 0 else { return 0 }
        let foreground = style.fg.index(forColorCount: colorCount)
        let background = style.bg.index(forColorCount: colorCount)
        let allocation = pairs.pair(foreground: foreground, background: background)
        if allocation.isNew {
            init_pair(Int16(allocation.number), Int16(foreground), Int16(background))
        }
        return Int16(allocation.number)
    }
}

/// Process-wide hooks that give the terminal back when the process ends abruptly.
private enum CursesProcessHooks {
    /// Whether a curses screen is in full-screen mode; read from signal handlers, so atomic.
    static let screenIsOpen = Atomic<Bool>(false)
    private static let installed = Atomic<Bool>(false)

    static func install() {
        guard !installed.exchange(true, ordering: .sequentiallyConsistent) else { return }
        atexit { CursesProcessHooks.endScreen() }
        signal(SIGINT) { CursesProcessHooks.endScreenAndDie(signal: $0) }
        signal(SIGTERM) { CursesProcessHooks.endScreenAndDie(signal: $0) }
    }

    static func endScreen() {
        if screenIsOpen.exchange(false, ordering: .sequentiallyConsistent) {
            endwin()
        }
    }

    /// Restores the terminal, then dies of the same signal so the parent sees why (after the
    /// `SignalShutdown` tasks, if any).
    ///
    /// endwin is not async-signal-safe; ncurses's own cleanup handler calls it all the same,
    /// and the process ends right after, so a leaked lock inside it cannot hurt.
    static func endScreenAndDie(signal number: Int32) {
        endScreen()
        // Registered shutdown work runs first, on its own thread, which then ends the process.
        if SignalShutdown.handOver(signal: number) { return }
        signal(number, SIG_DFL)
        raise(number)
    }
}
