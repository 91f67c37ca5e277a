/// What happens to text wider than the room it is given.
public enum Overflow: Sendable {
    /// Cut and mark the cut with `…`.
    case ellipsis
    /// Cut silently.
    case clip
}

extension Frame {
    /// Writes `text` from `point` rightwards on one row, cut to `maxWidth` and to the frame's edge.
    ///
    /// Controls and invalid characters are escaped; a wide character is never split (one that
    /// would straddle the limit becomes a space). Returns the columns written.
    @discardableResult
    public mutating func put(
        _ text: String, at point: Point, style: Style = .plain, maxWidth: Int? = nil, overflow: Overflow = .ellipsis
    ) -> Int {
        put([Span(text, style: style)], at: point, maxWidth: maxWidth, overflow: overflow)
    }

    /// Writes sanitised text; see `put(_:at:style:maxWidth:overflow:)`.
    @discardableResult
    public mutating func put(
        _ text: DisplayText, at point: Point, style: Style = .plain, maxWidth: Int? = nil,
        overflow: Overflow = .ellipsis
    ) -> Int {
        put([Span(text, style: style)], at: point, maxWidth: maxWidth, overflow: overflow)
    }

    /// Writes spans one after the other, cut as one text; returns the columns written.
    @discardableResult
    public mutating func put(
        _ spans: [Span], at point: Point, maxWidth: Int? = nil, overflow: Overflow = .ellipsis
    ) -> Int {
        guard point.y >= 0, point.y < size.height, point.x >= 0, point.x < size.width else { return 0 }
        let room = min(maxWidth ?? Int.max, size.width - point.x)
        guard room > 0 else { return 0 }
        return put(styled: spans.styledGraphemes, x: point.x, y: point.y, limit: room, overflow: overflow)
    }

    /// Writes styled graphemes cut to `limit` columns; the ellipsis and padding take the style at the cut.
    mutating func put(styled graphemes: [StyledGrapheme], x: Int, y: Int, limit: Int, overflow: Overflow) -> Int {
        let total = graphemes.reduce(0) { $0 + $1.width }
        let plan = Truncation.plan(
            widths: graphemes.map(\.width), total: total, limit: limit, ellipsis: overflow == .ellipsis)
        var column = x
        var lastWritten: Int?
        for item in graphemes.prefix(plan.keep) {
            if item.width == 0 {
                if let lastWritten { attach(item.grapheme, x: lastWritten, y: y) }
                continue
            }
            write(item.grapheme, style: item.style, x: column, y: y)
            lastWritten = column
            column += item.width
        }
        let cutStyle = plan.keep < graphemes.count ? graphemes[plan.keep].style : (graphemes.last?.style ?? .plain)
        if plan.ellipsis {
            write(.ellipsis, style: cutStyle, x: column, y: y)
            column += 1
        }
        for _ in 0..<plan.padding {
            write(.space, style: cutStyle, x: column, y: y)
            column += 1
        }
        return column - x
    }

    /// Writes `text` aligned inside a one-row `rect` (cut with an ellipsis when it does not fit).
    @discardableResult
    public mutating func put(_ spans: [Span], in rect: Rect, alignment: Alignment) -> Int {
        let clipped = rect.intersection(area)
        guard !clipped.isEmpty, clipped.y == rect.y else { return 0 }
        let width = spans.width
        let slack = max(0, rect.width - width)
        let offset = switch alignment {
        case .left: 0
        case .right: slack
        case .center: slack / 2
        }
        let start = rect.x + offset
        guard start >= 0 else { return 0 }
        return put(spans, at: Point(x: start, y: rect.y), maxWidth: rect.maxX - start)
    }
}

/// Horizontal placement of text in a wider space.
public enum Alignment: Sendable, Hashable {
    case left, right, center
}
