/// A LockKit pattern the simulator can make its clients contend with.
public enum SimulationPattern: String, CaseIterable, Sendable, Hashable, Codable {
    /// `SimpleLock`: SET EX NX (whole-second TTLs), retry every 100 ms.
    case simple
    /// `DistributedLock`: SET NX PX, retry every 50 ms.
    case distributed
    /// `SpinLock` with a fixed 10 ms pause (jittered).
    case spin
    /// `SpinLock` with the guide's adaptive pause: 10 ms, x1.5 every 10 tries, at most 200 ms.
    case adaptive
    /// `NotifiedLock`: waiters sleep until a release is published.
    case notified
    /// `PriorityLock`: a queue served by priority, then arrival.
    case priority
    /// `FairLock`: a queue in arrival order; the release hands the lock to its head inside Redis.
    case fair
    /// `Redlock` over every endpoint given (quorum N/2+1), retry every 10 ms.
    case redlock
    /// `ReadWriteLock`: each client reads (shared) with the run's read share, else writes.
    case rwlock
    /// `Semaphore` with the run's permit count: that many clients inside at once.
    case semaphore

    /// A short name for tables and the dashboard, e.g. "spin (fixed 10 ms)".
    public var displayName: String {
        switch self {
        case .simple: "simple"
        case .distributed: "distributed"
        case .spin: "spin (fixed 10 ms)"
        case .adaptive: "spin (adaptive)"
        case .notified: "notified (pub/sub)"
        case .priority: "priority"
        case .fair: "fair (hand-over)"
        case .redlock: "redlock"
        case .rwlock: "rwlock"
        case .semaphore: "semaphore"
        }
    }

    /// The display name completed with what this run's set-up adds (server count, priorities).
    public func displayName(servers: Int, priorities: PriorityMix, readShare: Double = 0.9, permits: Int = 4) -> String {
        switch self {
        case .redlock: "redlock (\(servers) server\(servers == 1 ? "" : "s"))"
        case .priority: "priority (\(priorities.label))"
        case .rwlock: "rwlock (\(Int((readShare * 100).rounded()))% reads)"
        case .semaphore: "semaphore (\(permits) permit\(permits == 1 ? "" : "s"))"
        default: displayName
        }
    }
}

/// Which priorities a priority simulation's clients wait with.
public enum PriorityMix: Sendable, Hashable {
    /// Client i waits with priority 1 + i % 10: the guide's 1 (first) .. 10 (last).
    case spread
    /// Every client the same priority: the queue is then first come, first served.
    case uniform(Int)

    /// The priority of client `index` (0-based).
    public func priority(ofClient index: Int) -> Int {
        switch self {
        case .spread: 1 + index % 10
        case .uniform(let priority): priority
        }
    }

    var label: String {
        switch self {
        case .spread: "1..10"
        case .uniform: "FIFO"
        }
    }
}
