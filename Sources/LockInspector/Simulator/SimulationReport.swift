import RedisClient

/// What a simulation measured so far (a live report) or in total (the final one).
///
/// Counts and percentiles are cumulative since the start; `throughputHistory` has one
/// entry per report interval, for a sparkline.
public struct SimulationReport: Sendable, Hashable {
    public var parameters: SimulationParameters
    /// The pattern's name with this run's set-up, e.g. "redlock (3 servers)".
    public var patternName: String
    /// The key the clients contend for.
    public var lockKey: String
    /// `true` for the report `run` returns, after every client stopped.
    public var isFinal: Bool
    public var elapsed: Duration
    /// Acquisitions per client, in client order (the dashboard draws a bar per client).
    public var perClient: [Int]
    /// Clients inside the critical section when the report was made.
    public var holding: Int
    /// Acquisitions that waited longer than the acquire timeout (the client then tried again).
    public var timeouts: Int
    /// Acquisitions during which another client was seen inside the critical section too
    /// (by the in-process holder count or the check key in Redis). Must be 0.
    public var violations: Int
    /// Leases whose release found them no longer held (the TTL ran out inside the section).
    public var lostLeases: Int
    public var wait: WaitStatistics
    /// Wait times in fixed buckets (`WaitBucket.bounds`), for a histogram.
    public var waitHistogram: [WaitBucket]
    /// Share of the elapsed time the lock was held (acquire returned -> release returned).
    public var busyFraction: Double
    /// Redis commands executed per acquisition (INFO commandstats deltas, the simulator's own
    /// INFO and check commands taken out); nil when unknown. Other clients of a shared server count too.
    public var commandsPerAcquisition: Double?
    /// Redis server CPU (user + system, INFO cpu) per acquisition; nil when unknown.
    public var serverCPUPerAcquisition: Duration?
    /// Acquisitions per second in each report interval, oldest first (at most `historyLimit`).
    public var throughputHistory: [Double]

    /// Entries `throughputHistory` keeps.
    public static let historyLimit = 300

    public init(parameters: SimulationParameters, patternName: String, lockKey: String, isFinal: Bool,
                elapsed: Duration, perClient: [Int], holding: Int = 0, timeouts: Int = 0, violations: Int = 0,
                lostLeases: Int = 0, wait: WaitStatistics = WaitStatistics(), waitHistogram: [WaitBucket] = [],
                busyFraction: Double = 0, commandsPerAcquisition: Double? = nil,
                serverCPUPerAcquisition: Duration? = nil, throughputHistory: [Double] = []) {
        self.parameters = parameters
        self.patternName = patternName
        self.lockKey = lockKey
        self.isFinal = isFinal
        self.elapsed = elapsed
        self.perClient = perClient
        self.holding = holding
        self.timeouts = timeouts
        self.violations = violations
        self.lostLeases = lostLeases
        self.wait = wait
        self.waitHistogram = waitHistogram
        self.busyFraction = busyFraction
        self.commandsPerAcquisition = commandsPerAcquisition
        self.serverCPUPerAcquisition = serverCPUPerAcquisition
        self.throughputHistory = throughputHistory
    }

    public var pattern: SimulationPattern { parameters.pattern }

    /// Acquisitions by every client.
    public var acquisitions: Int { perClient.reduce(0, +) }

    /// Acquisitions per second over the whole run so far.
    public var acquisitionsPerSecond: Double {
        let seconds = elapsed.seconds
        return seconds > 0 ? Double(acquisitions) / seconds : 0
    }

    /// Jain's fairness index over per-client acquisitions: 1 is perfectly even, 1/N is one client taking all.
    public var fairness: Double { Self.jainIndex(perClient) }

    /// Clients that have not acquired the lock even once.
    public var starvedClients: Int { perClient.filter { $0 == 0 }.count }

    /// Jain's index of `counts`: (sum x)^2 / (n * sum x^2); 0 when nothing was counted.
    public static func jainIndex(_ counts: [Int]) -> Double {
        let sum = counts.reduce(0.0) { $0 + Double($1) }
        let squares = counts.reduce(0.0) { $0 + Double($1) * Double($1) }
        guard squares > 0 else { return 0 }
        return sum * sum / (Double(counts.count) * squares)
    }
}

/// Percentiles of the time clients waited for the lock.
public struct WaitStatistics: Sendable, Hashable {
    public var p50: Duration
    public var p90: Duration
    public var p99: Duration
    public var max: Duration
    public var mean: Duration
    /// Waits measured (successful acquisitions).
    public var count: Int

    public init(p50: Duration = .zero, p90: Duration = .zero, p99: Duration = .zero, max: Duration = .zero,
                mean: Duration = .zero, count: Int = 0) {
        self.p50 = p50
        self.p90 = p90
        self.p99 = p99
        self.max = max
        self.mean = mean
        self.count = count
    }
}

/// Waits that fell in `(lowerBound, upperBound]`; the last bucket has no upper bound.
public struct WaitBucket: Sendable, Hashable {
    public var lowerBound: Duration
    /// nil for the overflow bucket (every wait above the last bound).
    public var upperBound: Duration?
    public var count: Int

    public init(lowerBound: Duration, upperBound: Duration?, count: Int) {
        self.lowerBound = lowerBound
        self.upperBound = upperBound
        self.count = count
    }

    /// Upper bounds of the buckets, 1-2-5 steps from 0.1 ms to 10 s: the same for every
    /// report, so a drawn histogram keeps its axis.
    public static let bounds: [Duration] = [
        .microseconds(100), .microseconds(200), .microseconds(500),
        .milliseconds(1), .milliseconds(2), .milliseconds(5),
        .milliseconds(10), .milliseconds(20), .milliseconds(50),
        .milliseconds(100), .milliseconds(200), .milliseconds(500),
        .seconds(1), .seconds(2), .seconds(5), .seconds(10),
    ]
}

extension Duration {
    /// This duration in milliseconds, as a `Double`.
    var milliseconds: Double { seconds * 1000 }
}
