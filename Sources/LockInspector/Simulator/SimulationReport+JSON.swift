import Foundation

extension SimulationReport {
    /// The stable JSON of one report (`locktop simulate --json`): durations in milliseconds.
    public var json: SimulationReportJSON { SimulationReportJSON(self) }

    /// Several reports (`--compare --json`) as one JSON array, keys sorted.
    public static func json(_ reports: [SimulationReport]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted]
        return String(decoding: try encoder.encode(reports.map(\.json)), as: UTF8.self)
    }
}

/// A `SimulationReport` as machines read it.
public struct SimulationReportJSON: Encodable, Sendable {
    struct Wait: Encodable, Sendable {
        let p50Ms, p90Ms, p99Ms, maxMs, meanMs: Double
        let count: Int
    }

    struct Bucket: Encodable, Sendable {
        let fromMs: Double
        /// null for the last bucket (everything above).
        let toMs: Double?
        let count: Int
    }

    let pattern: String
    let patternName: String
    let key: String
    let clients: Int
    let holdMs: Double
    let ttlMs: Double
    let final: Bool
    let elapsedSeconds: Double
    let acquisitions: Int
    let acquisitionsPerSecond: Double
    let perClient: [Int]
    let wait: Wait
    let waitHistogram: [Bucket]
    let busyFraction: Double
    let commandsPerAcquisition: Double?
    let serverCpuUsPerAcquisition: Double?
    let fairnessJain: Double
    let starvedClients: Int
    let timeouts: Int
    let violations: Int
    let lostLeases: Int
    let throughputHistory: [Double]

    init(_ report: SimulationReport) {
        pattern = report.pattern.rawValue
        patternName = report.patternName
        key = report.lockKey
        clients = report.parameters.clients
        holdMs = report.parameters.hold.milliseconds
        ttlMs = report.parameters.ttl.milliseconds
        final = report.isFinal
        elapsedSeconds = report.elapsed.seconds
        acquisitions = report.acquisitions
        acquisitionsPerSecond = report.acquisitionsPerSecond
        perClient = report.perClient
        wait = Wait(p50Ms: report.wait.p50.milliseconds, p90Ms: report.wait.p90.milliseconds,
                    p99Ms: report.wait.p99.milliseconds, maxMs: report.wait.max.milliseconds,
                    meanMs: report.wait.mean.milliseconds, count: report.wait.count)
        waitHistogram = report.waitHistogram.map {
            Bucket(fromMs: $0.lowerBound.milliseconds, toMs: $0.upperBound?.milliseconds, count: $0.count)
        }
        busyFraction = report.busyFraction
        commandsPerAcquisition = report.commandsPerAcquisition
        serverCpuUsPerAcquisition = report.serverCPUPerAcquisition.map { $0.milliseconds * 1000 }
        fairnessJain = report.fairness
        starvedClients = report.starvedClients
        timeouts = report.timeouts
        violations = report.violations
        lostLeases = report.lostLeases
        throughputHistory = report.throughputHistory
    }
}
