/// A box drawn with line characters, with an optional title in its top edge.
///
/// ```swift
/// Panel(title: "Detail").borderStyle(theme[.border]).render(in: area, into: &frame)
/// let inside = Panel.inner(area)  // where the content goes
/// ```
public struct Panel: Widget, Sendable {
    private var title: String?
    private var style: Style = .plain
    private var borderStyle: Style = .plain
    private var titleStyle: Style = .plain

    /// A panel, titled when `title` is given.
    public init(title: String? = nil) {
        self.title = title
    }

    /// The style of the inside (filled).
    public func style(_ style: Style) -> Panel { var copy = self; copy.style = style; return copy }
    /// The style of the border lines.
    public func borderStyle(_ style: Style) -> Panel { var copy = self; copy.borderStyle = style; return copy }
    /// The style of the title.
    public func titleStyle(_ style: Style) -> Panel { var copy = self; copy.titleStyle = style; return copy }

    /// The part of `area` inside the border.
    public static func inner(_ area: Rect) -> Rect { area.inset(by: 1) }

    public func render(in area: Rect, into frame: inout Frame) {
        let area = area.intersection(frame.area)
        guard !area.isEmpty else { return }
        frame.fill(area, style: style)
        guard area.width >= 2, area.height >= 2 else { return }
        let right = area.maxX - 1, bottom = area.maxY - 1
        for x in (area.x + 1)..<right {
            frame.put("─", at: Point(x: x, y: area.y), style: borderStyle)
            frame.put("─", at: Point(x: x, y: bottom), style: borderStyle)
        }
        for y in (area.y + 1)..<bottom {
            frame.put("│", at: Point(x: area.x, y: y), style: borderStyle)
            frame.put("│", at: Point(x: right, y: y), style: borderStyle)
        }
        frame.put("┌", at: area.origin, style: borderStyle)
        frame.put("┐", at: Point(x: right, y: area.y), style: borderStyle)
        frame.put("└", at: Point(x: area.x, y: bottom), style: borderStyle)
        frame.put("┘", at: Point(x: right, y: bottom), style: borderStyle)
        if let title, !title.isEmpty, area.width > 4 {
            frame.put(" " + title + " ", at: Point(x: area.x + 1, y: area.y), style: titleStyle, maxWidth: area.width - 2)
        }
    }
}
