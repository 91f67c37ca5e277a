import TerminalUI

/// The top row: the views by number, the one shown highlighted, and the filter when one applies.
struct TabBar: Widget {
    var state: AppState
    var theme: Theme

    func render(in area: Rect, into frame: inout Frame) {
        guard !area.isEmpty else { return }
        frame.fill(area, style: theme[.normal])
        let used = frame.put(spans(fitting: area.width), at: area.origin, maxWidth: area.width)
        let hint = " ? help "
        if area.width - used >= hint.count {
            frame.put(hint, at: Point(x: area.maxX - hint.count, y: area.y), style: theme[.dim])
        }
    }

    /// The columns each view's tab takes in a bar `width` wide (a click there picks the view).
    func tabColumns(width: Int) -> [(view: AppView, columns: Range<Int>)] {
        var x = 0
        return zip(AppView.allCases, spans(fitting: width)).map { view, span in
            defer { x += span.width }
            return (view, x..<(x + span.width))
        }
    }

    /// Full tabs when they fit in `width`, else short ones.
    private func spans(fitting width: Int) -> [Span] {
        let full = spans(short: false)
        return full.reduce(0) { $0 + $1.width } <= width ? full : spans(short: true)
    }

    /// Short tabs name only the view shown; the others keep their number.
    private func spans(short: Bool) -> [Span] {
        var spans: [Span] = []
        for view in AppView.allCases {
            let active = view == state.view
            let text = short && !active ? " \(view.rawValue + 1) " : " \(view.rawValue + 1) \(view.title) "
            spans.append(Span(text, style: theme[active ? .tabActive : .tab]))
        }
        if !state.filter.isEmpty {
            spans.append(Span(" filter: ", style: theme[.dim]))
            spans.append(Span(state.filter, style: theme[.match]))
        }
        // The rows shown are the previous order until the new one is built.
        if state.pendingOrder?.view == state.view {
            spans.append(Span(" sorting… ", style: theme[.accent]))
        }
        return spans
    }
}
