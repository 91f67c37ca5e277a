import LockInspector
import TerminalUI

/// The `c` dialog: four fields, the focused one highlighted, keys at the bottom.
struct SimulationDialog: Widget {
    var form: SimulationForm
    var theme: Theme

    static let labelWidth = 12

    func render(in area: Rect, into frame: inout Frame) {
        let box = area.centered(width: min(area.width, 64), height: min(area.height, 11))
        guard !box.isEmpty else { return }
        frame.fill(box, style: theme[.dialog])
        Panel(title: "Simulate contention").style(theme[.dialog]).borderStyle(theme[.border])
            .titleStyle(theme[.dialogTitle]).render(in: box, into: &frame)
        let inner = Panel.inner(box).inset(horizontal: 1)
        guard !inner.isEmpty else { return }
        let target = SimulationKeys(resource: form.resource, targetsRealKey: false).lock
        frame.put("on \(target), a shadow of the real lock", at: inner.origin, style: theme[.dialog], maxWidth: inner.width)
        for field in SimulationForm.Field.allCases {
            let y = inner.y + 2 + field.rawValue
            guard y < inner.maxY - 1 else { break }
            drawField(field, at: Point(x: inner.x, y: y), width: inner.width, into: &frame)
        }
        let hints = "[↑↓] field  [←→] pattern  [Enter] start  [Esc] cancel"
        frame.put(hints, at: Point(x: inner.x, y: inner.maxY - 1), style: theme[.dialog].patched(with: theme[.dim]), maxWidth: inner.width)
    }

    private func drawField(_ field: SimulationForm.Field, at point: Point, width: Int, into frame: inout Frame) {
        let focused = form.focus == field
        frame.put(field.label, at: point, style: theme[.dialog], maxWidth: Self.labelWidth)
        let value = field == .pattern ? "◀ \(form.text(of: field)) ▶" : form.text(of: field)
        let valueX = point.x + Self.labelWidth
        let room = max(0, width - Self.labelWidth)
        let style = focused ? theme[.input] : theme[.dialog]
        frame.fill(Rect(x: valueX, y: point.y, width: min(room, 24), height: 1), style: style)
        let written = frame.put(value, at: Point(x: valueX, y: point.y), style: style, maxWidth: room)
        if focused, field != .pattern { frame.cursor = Point(x: valueX + min(written, max(0, room - 1)), y: point.y) }
    }
}
