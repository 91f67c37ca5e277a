/// A key press, or a change of terminal size, read from a terminal.
public enum KeyEvent: Hashable, Sendable {
    case character(Character)
    case up, down, left, right
    case pageUp, pageDown, home, end
    case enter, escape, tab, backTab, backspace, delete
    /// F1 is `.function(1)`.
    case function(Int)
    /// The terminal now has this size; the next frame should be rendered for it.
    case resize(Size)
}
