import Histogram
import RedisClient

/// Turns the clients' ledgers and the servers' counters into reports. Owned by one task at
/// a time (the reporter, then the run for the final report).
struct SimulationMeter: Sendable {
    let parameters: SimulationParameters
    let patternName: String
    let lockKey: String
    let ledgers: [ClientLedger]
    /// One connection per server, for INFO; not used by any client.
    let admins: [RedisConnection]
    /// When the clients started (set by `start`).
    private(set) var started: ContinuousClock.Instant

    private var waits = ClientLedger.emptyHistogram()
    /// Counters read before the clients started; nil if that read failed (commands then unknown).
    private var baseline: ServerCounters?
    /// Reads done so far, including the baseline: each one's commands show up in later reads.
    private var reads = 0
    private var history: [Double] = []
    private var lastSample: (at: ContinuousClock.Instant, acquisitions: Int)

    init(parameters: SimulationParameters, patternName: String, lockKey: String, ledgers: [ClientLedger],
         admins: [RedisConnection]) {
        self.parameters = parameters
        self.patternName = patternName
        self.lockKey = lockKey
        self.ledgers = ledgers
        self.admins = admins
        started = .now
        lastSample = (started, 0)
    }

    /// Reads the servers' counters and starts the clock; the clients start right after.
    mutating func start() async {
        baseline = await readCounters()
        started = .now
        lastSample = (started, 0)
    }

    /// A report of everything so far; `isFinal` once every client has stopped.
    mutating func report(isFinal: Bool) async -> SimulationReport {
        let counters = await readCounters()
        let now = ContinuousClock.now
        var totals: [ClientLedger.Totals] = []
        for ledger in ledgers { totals.append(ledger.drain(into: &waits)) }
        let acquisitions = totals.reduce(0) { $0 + $1.acquisitions }

        let interval = now - lastSample.at
        if interval > .zero {
            history.append(Double(acquisitions - lastSample.acquisitions) / interval.seconds)
            if history.count > SimulationReport.historyLimit { history.removeFirst(history.count - SimulationReport.historyLimit) }
        }
        lastSample = (now, acquisitions)

        let elapsed = now - started
        let held = totals.reduce(Duration.zero) { $0 + $1.held }
        var commandsPerAcquisition: Double?
        var cpuPerAcquisition: Duration?
        if let baseline, let counters, acquisitions > 0 {
            let delta = counters.since(baseline)
            // Earlier reads' INFO commands and every check command are the simulator's, not the pattern's.
            let own = (reads - 1) * ServerCounters.commandsPerRead * admins.count + totals.reduce(0) { $0 + $1.checkCommands }
            commandsPerAcquisition = Double(max(0, delta.commands - own)) / Double(acquisitions)
            cpuPerAcquisition = .seconds(max(0, delta.cpuSeconds) / Double(acquisitions))
        }
        return SimulationReport(
            parameters: parameters, patternName: patternName, lockKey: lockKey, isFinal: isFinal, elapsed: elapsed,
            perClient: totals.map(\.acquisitions), holding: totals.filter(\.isHolding).count,
            timeouts: totals.reduce(0) { $0 + $1.timeouts }, violations: totals.reduce(0) { $0 + $1.violations },
            lostLeases: totals.reduce(0) { $0 + $1.lostLeases }, wait: waitStatistics(), waitHistogram: buckets(),
            busyFraction: elapsed > .zero ? held.seconds / elapsed.seconds : 0,
            commandsPerAcquisition: commandsPerAcquisition, serverCPUPerAcquisition: cpuPerAcquisition,
            throughputHistory: history)
    }

    /// Counters summed over the servers; nil if any read failed (a live report then shows no command figures).
    private mutating func readCounters() async -> ServerCounters? {
        var sum = ServerCounters.zero
        reads += 1
        for admin in admins {
            guard let counters = try? await ServerCounters.read(admin) else { return nil }
            sum = sum + counters
        }
        return sum
    }

    private func waitStatistics() -> WaitStatistics {
        guard waits.totalCount > 0 else { return WaitStatistics() }
        func duration(_ microseconds: UInt64) -> Duration { .microseconds(Int64(clamping: microseconds)) }
        return WaitStatistics(p50: duration(waits.valueAtPercentile(50)), p90: duration(waits.valueAtPercentile(90)),
                              p99: duration(waits.valueAtPercentile(99)), max: duration(waits.max),
                              mean: .microseconds(waits.mean), count: Int(waits.totalCount))
    }

    /// Every recorded wait lands in exactly one bucket, so the buckets add up to `wait.count`.
    private func buckets() -> [WaitBucket] {
        let bounds = WaitBucket.bounds.map { UInt64($0.milliseconds * 1000) }
        var counts = [Int](repeating: 0, count: bounds.count + 1)
        for recorded in waits.recordedValues() {
            let slot = bounds.firstIndex { recorded.value <= $0 } ?? bounds.count
            counts[slot] += Int(recorded.count)
        }
        var lower = Duration.zero
        var result: [WaitBucket] = []
        for (slot, count) in counts.enumerated() {
            let upper = slot < WaitBucket.bounds.count ? WaitBucket.bounds[slot] : nil
            result.append(WaitBucket(lowerBound: lower, upperBound: upper, count: count))
            lower = upper ?? lower
        }
        return result
    }
}
