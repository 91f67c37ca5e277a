/// An in-memory terminal for tests: it records the frames drawn and plays back scripted keys.
///
/// ```swift
/// let terminal = VirtualTerminal(size: Size(width: 40, height: 10), keys: [.down, .character("q")])
/// terminal.draw(frame)
/// #expect(terminal.lines()[0] == "KEY ...")
/// ```
public final class VirtualTerminal: Terminal {
    /// The current size; changed by `resize(to:)`.
    public private(set) var size: Size
    /// Every frame drawn, in order.
    public private(set) var frames: [Frame] = []
    /// The cells written by the last draw (only the changed ones).
    public private(set) var lastChanges: [CellChange] = []
    /// What the screen shows: the last frame as rebuilt from the changes written.
    public private(set) var screen: Frame
    /// Where the cursor is shown, or nil when hidden.
    public private(set) var cursor: Point?
    /// How many times `flush()` was called.
    public private(set) var flushCount = 0
    /// Every text handed to `copyToClipboard`, in order.
    public private(set) var clipboard: [String] = []
    private var pendingKeys: [KeyEvent]
    private var previous: Frame?

    /// A terminal of `size` that will return `keys` from `readKey`, in order.
    public init(size: Size, keys: [KeyEvent] = []) {
        self.size = size
        self.screen = Frame(size: size)
        self.pendingKeys = keys
    }

    public func draw(_ frame: Frame) {
        lastChanges = frame.changes(from: previous)
        let base = previous?.size == frame.size ? screen : Frame(size: frame.size)
        screen = base.applying(lastChanges)
        screen.cursor = frame.cursor
        cursor = frame.cursor
        previous = frame
        frames.append(frame)
    }

    public func clear() {
        screen = Frame(size: size)
        previous = nil
    }

    public func flush() {
        flushCount += 1
    }

    /// The next scripted key, or nil when the script is used up (the timeout is not waited).
    public func readKey(timeout: Duration?) -> KeyEvent? {
        pendingKeys.isEmpty ? nil : pendingKeys.removeFirst()
    }

    public func setCursor(_ position: Point?) {
        cursor = position
    }

    public func copyToClipboard(_ text: String) {
        clipboard.append(text)
    }

    /// Adds keys to the end of the script.
    public func enqueue(_ keys: KeyEvent...) {
        pendingKeys += keys
    }

    /// Keys not read yet.
    public var remainingKeys: [KeyEvent] { pendingKeys }

    /// Changes the size, as a user resizing the window would, and queues the resize event.
    public func resize(to newSize: Size) {
        size = newSize
        pendingKeys.append(.resize(newSize))
    }

    /// The text on screen, row by row (see `Frame.lines(trimmed:)`).
    public func lines(trimmed: Bool = false) -> [String] {
        screen.lines(trimmed: trimmed)
    }

    /// The style on screen at `point`, or nil outside.
    public func style(at point: Point) -> Style? {
        screen.style(at: point)
    }
}
