/// A small bar chart of recent values, newest at the right, in eighth-block characters (▁▂▃▄▅▆▇█).
///
/// ```swift
/// Sparkline([1, 4, 2, 8]).render(in: Rect(x: 0, y: 0, width: 4, height: 1), into: &frame)  // "▁▄▂█"
/// ```
public struct Sparkline: Widget, Sendable {
    private static let levels = [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    private var values: [Double]
    private var maximum: Double?
    private var style: Style = .plain

    /// A sparkline of `values` (negative or non-finite values count as zero).
    public init(_ values: [Double]) {
        self.values = values.map { $0.isFinite ? max(0, $0) : 0 }
    }

    /// A sparkline of integer values.
    public init(_ values: [Int]) {
        self.init(values.map(Double.init))
    }

    /// A copy scaled to this maximum instead of the largest value shown.
    public func maximum(_ value: Double?) -> Sparkline { var copy = self; copy.maximum = value; return copy }
    /// The style of the bars.
    public func style(_ style: Style) -> Sparkline { var copy = self; copy.style = style; return copy }

    public func render(in area: Rect, into frame: inout Frame) {
        let area = area.intersection(frame.area)
        guard !area.isEmpty else { return }
        frame.fill(area, style: style)
        let shown = values.suffix(area.width)
        let top = maximum ?? shown.max() ?? 0
        guard top > 0 else { return }
        let startX = area.maxX - shown.count
        let steps = Double(area.height * 8)
        for (column, value) in shown.enumerated() {
            var eighths = Int((min(value, top) / top * steps).rounded())
            if value > 0 && eighths == 0 { eighths = 1 }  // any activity at all stays visible
            for line in 0..<area.height {
                let level = min(max(eighths - line * 8, 0), 8)
                guard level > 0 else { break }
                frame.put(Sparkline.levels[level], at: Point(x: startX + column, y: area.maxY - 1 - line), style: style)
            }
        }
    }
}
