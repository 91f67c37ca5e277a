/// When a simulation ends.
public enum SimulationLimit: Sendable, Hashable {
    /// Every client keeps acquiring until this much time has passed.
    case duration(Duration)
    /// Every client acquires exactly this many times.
    case acquisitionsPerClient(Int)
}

/// What to simulate: pattern, clients, critical section, TTL, and when to stop.
public struct SimulationParameters: Sendable, Hashable {
    public var pattern: SimulationPattern
    /// Contending clients, each with its own connection(s) and thread.
    public var clients: Int
    /// How long a client holds the lock each time (its critical section).
    public var hold: Duration
    /// The lock's TTL; shorter than `hold` makes leases expire mid-section (and violations appear).
    public var ttl: Duration
    /// Longest one acquisition may wait; a longer wait counts as a timeout and the client tries again.
    public var acquireTimeout: Duration
    public var limit: SimulationLimit
    /// The resource contended for: `coupon:123` means the lock `lock:{coupon:123}`.
    public var resource: String
    /// Contend for the real lock instead of its shadow under `locktop:sim:`. Real workers
    /// then wait behind the simulation; only keys the simulation owns are cleaned up.
    public var targetsRealKey: Bool
    /// Priorities of a `.priority` simulation's clients.
    public var priorities: PriorityMix
    /// How often a live report is produced.
    public var reportInterval: Duration
    /// The chance (0...1) that an `.rwlock` client's acquisition is a read.
    public var readShare: Double
    /// A `.semaphore` run's permit count.
    public var permits: Int

    public init(pattern: SimulationPattern, clients: Int = 8, hold: Duration = .milliseconds(1),
                ttl: Duration = .seconds(10), acquireTimeout: Duration = .seconds(10),
                limit: SimulationLimit = .duration(.seconds(10)), resource: String = "simulated",
                targetsRealKey: Bool = false, priorities: PriorityMix = .spread,
                reportInterval: Duration = .seconds(1), readShare: Double = 0.9, permits: Int = 4) {
        self.pattern = pattern
        self.clients = clients
        self.hold = hold
        self.ttl = ttl
        self.acquireTimeout = acquireTimeout
        self.limit = limit
        self.resource = resource
        self.targetsRealKey = targetsRealKey
        self.priorities = priorities
        self.reportInterval = reportInterval
        self.readShare = readShare
        self.permits = permits
    }

    /// The pattern's name with what this run's set-up adds (servers, priorities, read share, permits).
    public func patternName(servers: Int) -> String {
        pattern.displayName(servers: servers, priorities: priorities, readShare: readShare, permits: permits)
    }

    /// Throws `SimulationError.invalidParameters` naming the first value out of range.
    public func validate() throws(SimulationError) {
        func refuse(_ message: String) -> SimulationError { .invalidParameters(message) }
        guard (1...1000).contains(clients) else { throw refuse("clients must be between 1 and 1000, got \(clients)") }
        guard hold >= .zero else { throw refuse("the critical section (hold) cannot be negative, got \(hold)") }
        guard ttl >= .milliseconds(1) else { throw refuse("the TTL must be at least 1 ms, got \(ttl)") }
        guard acquireTimeout > .zero else { throw refuse("the acquire timeout must be positive, got \(acquireTimeout)") }
        guard reportInterval > .zero else { throw refuse("the report interval must be positive, got \(reportInterval)") }
        guard !resource.isEmpty else { throw refuse("the key (resource) to simulate on cannot be empty") }
        switch limit {
        case .duration(let duration):
            guard duration > .zero else { throw refuse("the duration must be positive, got \(duration)") }
        case .acquisitionsPerClient(let count):
            guard count >= 1 else { throw refuse("acquisitions per client must be at least 1, got \(count)") }
        }
        guard readShare.isFinite, (0...1).contains(readShare) else { throw refuse("the read share must be between 0 and 1, got \(readShare)") }
        guard (1...10_000).contains(permits) else { throw refuse("permits must be between 1 and 10000, got \(permits)") }
        if case .uniform(let priority) = priorities, !(1...10).contains(priority) {
            throw refuse("a priority must be in 1...10, got \(priority)")
        }
    }
}
