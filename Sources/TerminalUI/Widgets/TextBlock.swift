/// Lines of styled text, word-wrapped to the area (or cut with an ellipsis), scrollable.
///
/// ```swift
/// TextBlock("Owner: host-1 pid 4242\nHeld for 12 s").wrapping(true).render(in: area, into: &frame)
/// TextBlock(lines: [[Span("key ", style: dim), Span("lock:{coupon:1}")]])
/// ```
public struct TextBlock: Widget, Sendable {
    private var lines: [[Span]]
    private var style: Style = .plain
    private var wraps = true
    private var scroll = 0
    private var alignment: Alignment = .left

    /// A block of `text`; each `\n` starts a new line.
    public init(_ text: String, style: Style = .plain) {
        self.lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { [Span(String($0), style: style)] }
    }

    /// A block of lines, each a run of spans.
    public init(lines: [[Span]]) {
        self.lines = lines
    }

    /// The style of the whole area (spans are laid over it).
    public func style(_ style: Style) -> TextBlock { var copy = self; copy.style = style; return copy }
    /// A copy that wraps long lines at spaces (true) or cuts them with `…` (false).
    public func wrapping(_ wraps: Bool) -> TextBlock { var copy = self; copy.wraps = wraps; return copy }
    /// A copy that starts `lines` display lines down.
    public func scroll(_ lines: Int) -> TextBlock { var copy = self; copy.scroll = max(0, lines); return copy }
    /// A copy with each line aligned this way.
    public func alignment(_ alignment: Alignment) -> TextBlock { var copy = self; copy.alignment = alignment; return copy }

    /// The display lines once wrapped to `width` (how tall the block wants to be).
    public func lineCount(width: Int) -> Int {
        displayLines(width: width).count
    }

    public func render(in area: Rect, into frame: inout Frame) {
        let area = area.intersection(frame.area)
        guard !area.isEmpty else { return }
        frame.fill(area, style: style)
        let shown = displayLines(width: area.width).dropFirst(scroll).prefix(area.height)
        for (row, line) in shown.enumerated() {
            let spans = line.map { Span(DisplayText(graphemes: [$0.grapheme]), style: style.patched(with: $0.style)) }
            frame.put(spans, in: area.row(row), alignment: alignment)
        }
    }

    private func displayLines(width: Int) -> [[StyledGrapheme]] {
        guard width > 0 else { return [] }
        return lines.flatMap { spans -> [[StyledGrapheme]] in
            let graphemes = spans.styledGraphemes
            if wraps { return WordWrap.wrap(graphemes, width: width) }
            return [graphemes]
        }
    }
}
