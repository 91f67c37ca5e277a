import LockInspector
import TerminalUI

/// The Simulator view: how the running (or last) simulation goes: figures, throughput
/// sparkline, wait histogram and a bar per client.
struct SimulatorView: Widget {
    var simulator: SimulatorState
    var theme: Theme

    func render(in area: Rect, into frame: inout Frame) {
        guard !area.isEmpty else { return }
        guard let report = simulator.report else {
            Panel(title: "Simulator").theme(theme).render(in: area, into: &frame)
            TextBlock(placeholder).theme(theme).style(theme[.dim]).render(in: Panel.inner(area).inset(horizontal: 1), into: &frame)
            return
        }
        Panel(title: "Simulator: \(report.patternName) on \(report.lockKey)").theme(theme).render(in: area, into: &frame)
        var rest = Panel.inner(area).inset(horizontal: 1)
        for line in SimulatorFigures(report: report, simulator: simulator).lines where !rest.isEmpty {
            let row: Rect
            (row, rest) = rest.splitTop(1)
            frame.put(line.spans(theme), at: row.origin, maxWidth: row.width)
        }
        if rest.height >= 4 {
            let sparkline: Rect
            (sparkline, rest) = rest.splitTop(4)
            drawThroughput(report, in: sparkline, into: &frame)
        }
        guard rest.height >= 2 else { return }
        let (histogram, clients) = rest.splitRight(rest.width / 2)
        SimulatorBars(title: "wait for the lock", rows: Self.histogramRows(report), theme: theme)
            .render(in: histogram.splitRight(1).rest, into: &frame)
        SimulatorBars(title: "acquisitions per client", rows: Self.clientRows(report), theme: theme)
            .render(in: clients, into: &frame)
    }

    private var placeholder: String {
        if let failure = simulator.failure { return "The last simulation ended: \(failure)" }
        if simulator.isRunning { return "starting the simulation…" }
        return """
            No simulation yet. Select a lock in the Locks view and press c: N clients then contend for a \
            shadow copy of its key under \(SimulationKeys.shadowPrefix), so real workers are never blocked, \
            and this view shows throughput, waits and fairness live. Esc here stops it.
            """
    }

    private func drawThroughput(_ report: SimulationReport, in area: Rect, into frame: inout Frame) {
        let peak = report.throughputHistory.max() ?? 0
        frame.put("acquisitions per second, one bar per report (peak \(Int(peak.rounded())))", at: area.origin,
                  style: theme[.dim], maxWidth: area.width)
        Sparkline(report.throughputHistory).theme(theme).render(in: area.splitTop(1).rest, into: &frame)
    }

    /// One row per wait bucket that has waits, or every bucket up to the largest seen.
    static func histogramRows(_ report: SimulationReport) -> [SimulatorBars.Row] {
        let lastUsed = report.waitHistogram.lastIndex { $0.count > 0 } ?? -1
        return report.waitHistogram.prefix(lastUsed + 1).map { bucket in
            let label = bucket.upperBound.map { "≤ \(TimeText.preciseDuration($0))" } ?? "> \(TimeText.preciseDuration(bucket.lowerBound))"
            return SimulatorBars.Row(label: label, value: bucket.count)
        }
    }

    static func clientRows(_ report: SimulationReport) -> [SimulatorBars.Row] {
        report.perClient.enumerated().map { index, count in SimulatorBars.Row(label: "client \(index + 1)", value: count) }
    }
}
