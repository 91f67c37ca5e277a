/// One row with segments on the left and on the right; the right side wins when space runs out.
///
/// ```swift
/// StatusLine()
///     .left([Span(" redis://localhost:6379 ", style: theme[.statusLine].bold()), Span(" db 0 ")])
///     .right([Span(" READ-ONLY ", style: theme[.statusReadOnly])])
/// ```
public struct StatusLine: Widget, Sendable {
    private var left: [Span] = []
    private var right: [Span] = []
    private var style: Style = .plain

    /// An empty status line.
    public init() {}

    /// A copy with these left segments; each is laid over the line's style.
    public func left(_ segments: [Span]) -> StatusLine { var copy = self; copy.left = segments; return copy }
    /// A copy with these right segments; each is laid over the line's style.
    public func right(_ segments: [Span]) -> StatusLine { var copy = self; copy.right = segments; return copy }
    /// The style of the whole row.
    public func style(_ style: Style) -> StatusLine { var copy = self; copy.style = style; return copy }

    public func render(in area: Rect, into frame: inout Frame) {
        let area = area.intersection(frame.area)
        guard !area.isEmpty else { return }
        let row = area.row(0)
        frame.fill(row, style: style)
        let right = self.right.map { Span($0.text, style: style.patched(with: $0.style)) }
        let left = self.left.map { Span($0.text, style: style.patched(with: $0.style)) }
        let rightWidth = min(right.width, row.width)
        if rightWidth > 0 {
            frame.put(right, in: row.splitRight(rightWidth).right, alignment: .right)
        }
        let leftRoom = rightWidth > 0 ? row.width - rightWidth - 1 : row.width
        if leftRoom > 0 {
            frame.put(left, at: row.origin, maxWidth: leftRoom)
        }
    }
}
