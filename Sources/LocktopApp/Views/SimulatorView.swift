import TerminalUI

/// The Simulator view's place, until the simulator itself is built.
struct SimulatorView: Widget {
    var theme: Theme

    func render(in area: Rect, into frame: inout Frame) {
        guard !area.isEmpty else { return }
        Panel(title: "Simulator").theme(theme).render(in: area, into: &frame)
        TextBlock("the contention simulator arrives with its own issue").theme(theme).style(theme[.dim])
            .render(in: Panel.inner(area).inset(horizontal: 1), into: &frame)
    }
}
