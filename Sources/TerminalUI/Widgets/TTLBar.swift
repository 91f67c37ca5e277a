/// A one-row bar that shrinks as a time to live runs out, with a label at its right.
///
/// ```swift
/// TTLBar(remaining: .seconds(12), total: .seconds(30)).label("12s").render(in: row, into: &frame)
/// // ███████▋           12s
/// ```
public struct TTLBar: Widget, Sendable {
    private static let eighths = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]

    private var fraction: Double
    private var label: String?
    private var fullStyle: Style = .plain
    private var lowStyle: Style = .plain
    private var labelStyle: Style = .plain
    private var lowThreshold = 0.25

    /// A bar filled to `fraction` (clamped to 0...1).
    public init(fraction: Double) {
        self.fraction = fraction.isFinite ? min(max(fraction, 0), 1) : 0
    }

    /// A bar for `remaining` of `total` (empty when `total` is not positive).
    public init(remaining: Duration, total: Duration) {
        let total = total / .milliseconds(1)
        self.init(fraction: total > 0 ? (remaining / .milliseconds(1)) / total : 0)
    }

    /// A copy with this text right of the bar (dropped when the area is too narrow for both).
    public func label(_ text: String?) -> TTLBar { var copy = self; copy.label = text; return copy }
    /// The bar's style while at least `lowThreshold` remains, and below it.
    public func styles(full: Style, low: Style) -> TTLBar {
        var copy = self
        copy.fullStyle = full
        copy.lowStyle = low
        return copy
    }
    /// The style of the label.
    public func labelStyle(_ style: Style) -> TTLBar { var copy = self; copy.labelStyle = style; return copy }
    /// The fraction below which the bar takes its low style (0.25 unless set).
    public func lowThreshold(_ threshold: Double) -> TTLBar { var copy = self; copy.lowThreshold = threshold; return copy }

    public func render(in area: Rect, into frame: inout Frame) {
        let area = area.intersection(frame.area)
        guard !area.isEmpty else { return }
        let row = area.row(0)
        var barArea = row
        if let label, !label.isEmpty {
            let labelWidth = DisplayWidth.of(label)
            if row.width >= labelWidth + 2 {
                let (bar, labelArea) = row.splitRight(labelWidth + 1)
                frame.fill(labelArea, style: labelStyle)
                frame.put(label, at: Point(x: labelArea.x + 1, y: row.y), style: labelStyle)
                barArea = bar
            }
        }
        let barStyle = fraction < lowThreshold ? lowStyle : fullStyle
        frame.fill(barArea, style: barStyle)
        let eighthsFilled = Int((fraction * Double(barArea.width * 8)).rounded())
        let full = eighthsFilled / 8, partial = eighthsFilled % 8
        for column in 0..<full {
            frame.put("█", at: Point(x: barArea.x + column, y: row.y), style: barStyle)
        }
        if partial > 0 && full < barArea.width {
            frame.put(TTLBar.eighths[partial], at: Point(x: barArea.x + full, y: row.y), style: barStyle)
        }
    }
}
