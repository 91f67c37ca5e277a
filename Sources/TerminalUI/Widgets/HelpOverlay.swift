/// A centred box listing key bindings, generated from the app's registry of bindings.
///
/// Dangerous bindings are marked with `!` and their own style; `hidingDangerous(true)` (read-only
/// mode) leaves them out. A list too tall for the area goes into two columns when they fit; rows that still do not fit end with a "… N more" line.
///
/// ```swift
/// HelpOverlay(bindings: keyMap.bindings).hidingDangerous(readOnly).theme(theme).render(in: frame.area, into: &frame)
/// ```
public struct HelpOverlay: Widget, Sendable {
    private var bindings: [KeyBinding]
    private var title = "Help"
    private var hidesDangerous = false
    private var style: Style = .plain
    private var borderStyle: Style = .plain
    private var titleStyle: Style = Style(bold: true)
    private var keyStyle: Style = Style(bold: true)
    private var groupStyle: Style = Style(underline: true)
    private var dangerStyle: Style = Style(bold: true)

    /// A help box for `bindings`, in their order.
    public init(bindings: [KeyBinding]) {
        self.bindings = bindings
    }

    /// A copy with another title ("Help" unless set).
    public func title(_ title: String) -> HelpOverlay { var copy = self; copy.title = title; return copy }
    /// A copy that leaves out dangerous bindings (read-only mode).
    public func hidingDangerous(_ hides: Bool) -> HelpOverlay { var copy = self; copy.hidesDangerous = hides; return copy }
    /// The style inside the box.
    public func style(_ style: Style) -> HelpOverlay { var copy = self; copy.style = style; return copy }
    /// The style of the border.
    public func borderStyle(_ style: Style) -> HelpOverlay { var copy = self; copy.borderStyle = style; return copy }
    /// The style of the title.
    public func titleStyle(_ style: Style) -> HelpOverlay { var copy = self; copy.titleStyle = style; return copy }
    /// The style of the key column.
    public func keyStyle(_ style: Style) -> HelpOverlay { var copy = self; copy.keyStyle = style; return copy }
    /// The style of group headings.
    public func groupStyle(_ style: Style) -> HelpOverlay { var copy = self; copy.groupStyle = style; return copy }
    /// The style of dangerous bindings.
    public func dangerStyle(_ style: Style) -> HelpOverlay { var copy = self; copy.dangerStyle = style; return copy }

    /// The bindings shown, after read-only filtering.
    public var shownBindings: [KeyBinding] {
        hidesDangerous ? bindings.filter { !$0.isDangerous } : bindings
    }

    public func render(in area: Rect, into frame: inout Frame) {
        let area = area.intersection(frame.area)
        guard !area.isEmpty else { return }
        let lines = contentLines()
        let keyWidth = shownBindings.map { DisplayWidth.of($0.key) }.max() ?? 0
        var columnWidth = lines.map { $0.width(keyWidth: keyWidth) }.max() ?? 0
        // Two columns, split between groups, when one is too tall and two fit side by side
        // (descriptions cut short if need be: a cut description beats a binding not shown).
        let halfWidth = (area.width - 4 - 3) / 2
        let columns: [ArraySlice<Line>]
        if lines.count + 2 > area.height, halfWidth >= keyWidth + 3 + Self.shortestDescription, let split = groupSplit(lines) {
            columns = [lines[..<split], lines[split...]]
            columnWidth = min(columnWidth, halfWidth)
        } else {
            columns = [lines[...]]
        }
        let contentWidth = columnWidth * columns.count + 3 * (columns.count - 1)
        let box = area.centered(width: contentWidth + 4, height: (columns.map(\.count).max() ?? 0) + 2)
        Panel(title: title).style(style).borderStyle(style.patched(with: borderStyle))
            .titleStyle(style.patched(with: titleStyle)).render(in: box, into: &frame)
        let inner = box.inset(horizontal: 2, vertical: 1)
        guard !inner.isEmpty else { return }
        for (index, column) in columns.enumerated() {
            let x = inner.x + index * (columnWidth + 3)
            let width = max(0, min(columnWidth, inner.maxX - x))
            let fits = column.count <= inner.height
            let shown = fits ? column : column.prefix(max(0, inner.height - 1))
            for (row, line) in shown.enumerated() {
                draw(line, keyWidth: keyWidth, at: Point(x: x, y: inner.y + row), width: width, into: &frame)
            }
            if !fits {
                let hidden = column.count - shown.count
                frame.put("… \(hidden) more", at: Point(x: x, y: inner.maxY - 1), style: style.dim(), maxWidth: width)
            }
        }
    }

    /// Columns of help are not made narrower than this many cells of description.
    private static let shortestDescription = 16

    /// The group heading nearest the middle of `lines` (not the first line), where a second column starts.
    private func groupSplit(_ lines: [Line]) -> Int? {
        let starts = lines.indices.dropFirst().filter { if case .group = lines[$0] { true } else { false } }
        return starts.min { abs($0 - lines.count / 2) < abs($1 - lines.count / 2) }
    }

    private enum Line {
        case group(String)
        case binding(KeyBinding)

        func width(keyWidth: Int) -> Int {
            switch self {
            case .group(let name): DisplayWidth.of(name)
            case .binding(let binding): keyWidth + 3 + DisplayWidth.of(binding.description)
            }
        }
    }

    private func contentLines() -> [Line] {
        var lines: [Line] = []
        var group: String?
        for binding in shownBindings {
            if binding.group != group && !binding.group.isEmpty { lines.append(.group(binding.group)) }
            group = binding.group
            lines.append(.binding(binding))
        }
        return lines
    }

    private func draw(_ line: Line, keyWidth: Int, at point: Point, width: Int, into frame: inout Frame) {
        switch line {
        case .group(let name):
            frame.put(name, at: point, style: style.patched(with: groupStyle), maxWidth: width)
        case .binding(let binding):
            let lineStyle = binding.isDangerous ? style.patched(with: dangerStyle) : style
            let key = Span(binding.key, style: lineStyle.patched(with: keyStyle))
            let padding = Span(String(repeating: " ", count: max(0, keyWidth - key.width)), style: lineStyle)
            let marker = Span(binding.isDangerous ? " ! " : "   ", style: lineStyle)
            frame.put([key, padding, marker, Span(binding.description, style: lineStyle)], at: point, maxWidth: width)
        }
    }
}
