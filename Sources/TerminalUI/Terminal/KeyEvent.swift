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
    /// A mouse button or the wheel, at a cell (only when mouse reporting is on).
    case mouse(MouseEvent)
}

/// What the mouse did, and at which cell (0-based, from the top left).
public struct MouseEvent: Hashable, Sendable {
    public enum Action: Hashable, Sendable {
        /// The left button went down (a click selects on press, as terminals' own lists do).
        case press
        case wheelUp, wheelDown
    }

    public var action: Action
    public var point: Point

    public init(_ action: Action, at point: Point) {
        self.action = action
        self.point = point
    }
}
