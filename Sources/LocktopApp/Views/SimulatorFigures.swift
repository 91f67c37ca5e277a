import Foundation
import LockInspector
import TerminalUI

/// The Simulator view's figure lines: state, throughput and fairness, waits.
struct SimulatorFigures {
    /// A line of label/value pairs; a value can carry a role (violations in red).
    struct Line {
        var parts: [(text: String, role: Theme.Role?)]

        func spans(_ theme: Theme) -> [Span] {
            parts.map { Span($0.text, style: theme[$0.role ?? .normal]) }
        }
    }

    var report: SimulationReport
    var simulator: SimulatorState

    var lines: [Line] {
        let parameters = report.parameters
        let wait = report.wait
        return [
            Line(parts: [(state, simulator.isRunning ? .accent : .ok),
                         ("  \(parameters.clients) clients, hold \(TimeText.duration(parameters.hold)), TTL \(TimeText.duration(parameters.ttl))", nil)]),
            Line(parts: [("acquisitions \(report.acquisitions) (\(Int(report.acquisitionsPerSecond.rounded()))/s)", nil),
                         ("  busy \(Int((report.busyFraction * 100).rounded()))%", nil),
                         ("  commands/acq \(report.commandsPerAcquisition.map { Self.oneDecimal($0) } ?? "-")", nil),
                         ("  Jain \(Self.twoDecimals(report.fairness))", report.fairness < 0.8 ? .warning : nil),
                         ("  starved \(report.starvedClients)", report.starvedClients > 0 ? .warning : nil),
                         ("  timeouts \(report.timeouts)", report.timeouts > 0 ? .warning : nil),
                         ("  violations \(report.violations)", report.violations > 0 ? .critical : .ok)]),
            Line(parts: [("wait p50 \(TimeText.preciseDuration(wait.p50))  p90 \(TimeText.preciseDuration(wait.p90))  "
                          + "p99 \(TimeText.preciseDuration(wait.p99))  max \(TimeText.preciseDuration(wait.max))", nil)]),
        ]
    }

    private var state: String {
        let elapsed = TimeText.duration(report.elapsed)
        // Why it stopped early (Esc, a failure) is in the status line.
        if simulator.failure != nil { return "stopped after \(elapsed)" }
        if report.isFinal || !simulator.isRunning { return "finished after \(elapsed)" }
        switch report.parameters.limit {
        case .duration(let total): return "running \(elapsed) of \(TimeText.duration(total))"
        case .acquisitionsPerClient(let count): return "running \(elapsed), \(count) acquisitions per client"
        }
    }

    static func oneDecimal(_ value: Double) -> String { String(format: "%.1f", value) }
    static func twoDecimals(_ value: Double) -> String { String(format: "%.2f", value) }
}
