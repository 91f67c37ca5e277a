@testable import TerminalUI

/// Renders `widget` into a fresh frame of `width` x `height` covering the whole frame.
func render(_ widget: some Widget, width: Int, height: Int) -> Frame {
    var frame = Frame(size: Size(width: width, height: height))
    widget.render(in: frame.area, into: &frame)
    return frame
}

/// The frame's rows with trailing spaces removed, for readable expectations.
func text(_ frame: Frame) -> [String] {
    frame.lines(trimmed: true)
}
