import TerminalUI

/// Draws the whole screen for `state`. Pure: the same state, theme and size give the same frame.
public func render(_ state: AppState, theme: Theme, size: Size) -> Frame {
    var frame = Frame(size: size)
    frame.put("locktop \(state.session.endpoint)", at: Point(x: 0, y: 0), style: theme[.title])
    return frame
}
