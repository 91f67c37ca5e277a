import LockInspector
import RedisClient

/// What one contended run measured.
public struct ContentionResult: Sendable {
    public let name: String
    public let acquisitions: Int
    public let seconds: Double
    public let p50Milliseconds: Double
    public let p99Milliseconds: Double
    public let maxMilliseconds: Double
    public let perClient: [Int]
    /// Commands the server(s) executed per acquisition; nil when not measured.
    public let commandsPerAcquisition: Double?
    public let holdMilliseconds: Double
    /// Time the lock was really held (acquire returned -> release returned), summed over acquisitions.
    public let heldSeconds: Double?

    public init(name: String, acquisitions: Int, seconds: Double, p50Milliseconds: Double, p99Milliseconds: Double,
                maxMilliseconds: Double, perClient: [Int], commandsPerAcquisition: Double?, holdMilliseconds: Double,
                heldSeconds: Double? = nil) {
        self.name = name
        self.acquisitions = acquisitions
        self.seconds = seconds
        self.p50Milliseconds = p50Milliseconds
        self.p99Milliseconds = p99Milliseconds
        self.maxMilliseconds = maxMilliseconds
        self.perClient = perClient
        self.commandsPerAcquisition = commandsPerAcquisition
        self.holdMilliseconds = holdMilliseconds
        self.heldSeconds = heldSeconds
    }

    /// A simulator run as a row of the table.
    public init(_ report: SimulationReport) {
        self.init(name: report.patternName, acquisitions: report.acquisitions, seconds: report.elapsed.seconds,
                  p50Milliseconds: report.wait.p50.seconds * 1000, p99Milliseconds: report.wait.p99.seconds * 1000,
                  maxMilliseconds: report.wait.max.seconds * 1000, perClient: report.perClient,
                  commandsPerAcquisition: report.commandsPerAcquisition, holdMilliseconds: report.parameters.hold.seconds * 1000,
                  heldSeconds: report.busyFraction * report.elapsed.seconds)
    }

    public var acquisitionsPerSecond: Double { seconds > 0 ? Double(acquisitions) / seconds : 0 }
    /// Share of the time the lock was held: measured holds when known, else acquisitions x section.
    public var busyFraction: Double {
        guard seconds > 0 else { return 0 }
        return (heldSeconds ?? Double(acquisitions) * holdMilliseconds / 1000) / seconds
    }
    /// Jain's fairness index over per-client acquisitions: 1 is perfectly even.
    public var jainIndex: Double { Self.jain(perClient) }

    public static func jain(_ counts: [Int]) -> Double {
        let sum = counts.reduce(0, +)
        let squares = counts.reduce(0) { $0 + $1 * $1 }
        guard squares > 0 else { return 0 }
        return Double(sum * sum) / (Double(counts.count) * Double(squares))
    }

    /// Rows of a text table, header first.
    public static func table(_ results: [ContentionResult]) -> String {
        var lines = [pad("pattern", 22) + pad("acq/s", 8) + pad("busy", 7) + pad("p50 ms", 9) + pad("p99 ms", 9)
            + pad("max ms", 9) + pad("cmds/acq", 10) + pad("Jain", 6) + "starved"]
        for result in results {
            lines.append(pad(result.name, 22) + pad(String(Int(result.acquisitionsPerSecond)), 8)
                + pad(String(format: "%.0f%%", result.busyFraction * 100), 7)
                + pad(String(format: "%.1f", result.p50Milliseconds), 9) + pad(String(format: "%.1f", result.p99Milliseconds), 9)
                + pad(String(format: "%.1f", result.maxMilliseconds), 9)
                + pad(result.commandsPerAcquisition.map { String(format: "%.1f", $0) } ?? "-", 10)
                + pad(String(format: "%.2f", result.jainIndex), 6) + String(result.perClient.filter { $0 == 0 }.count))
        }
        return lines.joined(separator: "\n")
    }
}
