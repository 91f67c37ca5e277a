import Foundation

extension SimulationReport {
    /// One line for a live display: "notified (pub/sub)  3s  812 acq/s  p99 41.2 ms  busy 93%  ...".
    public var liveLine: String {
        let rate = throughputHistory.last ?? acquisitionsPerSecond
        return "\(patternName)  \(Int(elapsed.seconds.rounded()))s  \(acquisitions) acq (\(Self.number(rate, 0))/s)"
            + "  wait p50 \(Self.ms(wait.p50)) p99 \(Self.ms(wait.p99)) max \(Self.ms(wait.max))"
            + "  busy \(Self.number(busyFraction * 100, 0))%  Jain \(Self.number(fairness, 2))"
            + "  timeouts \(timeouts)  violations \(violations)"
    }

    /// The comparison table: one row per report, header first, columns aligned.
    public static func table(_ reports: [SimulationReport]) -> String {
        let header = ["pattern", "acq/s", "busy", "p50 ms", "p90 ms", "p99 ms", "max ms", "cmds/acq", "cpu us/acq",
                      "Jain", "starved", "timeouts", "violations"]
        let rows = reports.map { report in
            [report.patternName, number(report.acquisitionsPerSecond, 0), number(report.busyFraction * 100, 0) + "%",
             ms(report.wait.p50), ms(report.wait.p90), ms(report.wait.p99), ms(report.wait.max),
             report.commandsPerAcquisition.map { number($0, 1) } ?? "-",
             report.serverCPUPerAcquisition.map { number($0.milliseconds * 1000, 0) } ?? "-",
             number(report.fairness, 2), String(report.starvedClients), String(report.timeouts), String(report.violations)]
        }
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        return all.map { row in
            row.enumerated().map { column, cell in
                column == row.count - 1 ? cell : cell.padding(toLength: widths[column] + 2, withPad: " ", startingAt: 0)
            }.joined()
        }.joined(separator: "\n")
    }

    /// A sentence saying what every row of `table` shared.
    public static func setting(_ parameters: SimulationParameters) -> String {
        let limit = switch parameters.limit {
        case .duration(let duration): "\(number(duration.seconds, 1)) s a run"
        case .acquisitionsPerClient(let count): "\(count) acquisitions per client"
        }
        return "\(parameters.clients) clients, \(number(parameters.hold.milliseconds, 1)) ms critical section, TTL \(number(parameters.ttl.milliseconds, 0)) ms, \(limit)"
    }

    /// Milliseconds, with two decimals below 10 ms: waits of a free lock are tens of microseconds.
    static func ms(_ duration: Duration) -> String {
        let value = duration.milliseconds
        return number(value, value < 10 ? 2 : 1)
    }

    static func number(_ value: Double, _ decimals: Int) -> String {
        guard value.isFinite else { return "-" }
        return String(format: "%.\(decimals)f", value)
    }
}
