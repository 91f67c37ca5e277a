/// A screen to draw frames on and a keyboard to read from.
///
/// Implementations remember the last frame drawn and write only the cells that changed.
/// A terminal is used from one thread (the UI loop); other threads send it messages.
///
/// ```swift
/// terminal.draw(render(state, theme, terminal.size))
/// terminal.flush()
/// if let key = terminal.readKey(timeout: .milliseconds(250)) { ... }
/// ```
public protocol Terminal: AnyObject {
    /// The current size in cells.
    var size: Size { get }
    /// Writes the cells of `frame` that differ from the last frame drawn, and places or hides the cursor per `frame.cursor`.
    func draw(_ frame: Frame)
    /// Blanks the screen and forgets the last frame, so the next draw writes every cell.
    func clear()
    /// Makes everything drawn so far visible.
    func flush()
    /// The next key, waiting at most `timeout` (nil waits for ever); nil on timeout.
    func readKey(timeout: Duration?) -> KeyEvent?
    /// Shows the cursor at `position`, or hides it when nil (draw applies `Frame.cursor` the same way).
    func setCursor(_ position: Point?)
    /// Asks the terminal to put `text` on the system clipboard (OSC 52); terminals that do not
    /// support it ignore the request.
    func copyToClipboard(_ text: String)
}

extension Terminal {
    /// Terminals without a clipboard ignore the request.
    public func copyToClipboard(_ text: String) {}
}
