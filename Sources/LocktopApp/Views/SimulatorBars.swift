import TerminalUI

/// Labelled horizontal bars scaled to the largest value, with a title; rows that do not fit
/// are summed up in a last line.
struct SimulatorBars: Widget {
    struct Row: Sendable, Hashable {
        var label: String
        var value: Int
    }

    var title: String
    var rows: [Row]
    var theme: Theme

    func render(in area: Rect, into frame: inout Frame) {
        guard !area.isEmpty else { return }
        frame.put(title, at: area.origin, style: theme[.header], maxWidth: area.width)
        let body = area.splitTop(1).rest
        guard !body.isEmpty else { return }
        let labelWidth = min(12, rows.map { DisplayText($0.label).width }.max() ?? 0)
        let numberWidth = String(rows.map(\.value).max() ?? 0).count
        let barRoom = max(0, body.width - labelWidth - numberWidth - 2)
        let peak = rows.map(\.value).max() ?? 0
        let fitting = rows.count > body.height ? max(0, body.height - 1) : rows.count
        for (line, row) in rows.prefix(fitting).enumerated() {
            let y = body.y + line
            frame.put(row.label, at: Point(x: body.x, y: y), style: theme[.normal], maxWidth: labelWidth)
            let length = peak > 0 ? Int((Double(row.value) / Double(peak) * Double(barRoom)).rounded()) : 0
            frame.put(String(repeating: "█", count: max(row.value > 0 ? 1 : 0, length)), at: Point(x: body.x + labelWidth + 1, y: y),
                      style: theme[.sparkline], maxWidth: barRoom)
            let number = String(row.value)
            frame.put(number, at: Point(x: body.maxX - number.count, y: y), style: theme[.normal], maxWidth: number.count)
        }
        if fitting < rows.count {
            let hidden = rows.dropFirst(fitting)
            frame.put("… \(hidden.count) more, \(hidden.reduce(0) { $0 + $1.value }) in all", at: Point(x: body.x, y: body.y + fitting),
                      style: theme[.dim], maxWidth: body.width)
        }
    }
}
