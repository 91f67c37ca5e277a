import Histogram
import LockKit
import RedisClient
import RedisServerKit

/// N clients, each with its own connection(s), contend for one lock; each holds it for a
/// fixed critical section. Wait latency goes into an HdrHistogram.
public struct ContentionBenchmark: Sendable {
    /// Makes client `index`'s lock over its own connections to `endpoints`.
    public typealias LockFactory = @Sendable (_ index: Int, _ endpoints: [RedisEndpoint]) async throws -> any ResourceLock

    public let clients: Int
    public let hold: Duration
    public let duration: Duration

    public init(clients: Int, hold: Duration, duration: Duration) {
        self.clients = clients
        self.hold = hold
        self.duration = duration
    }

    /// Runs one pattern against `servers` (fresh ones, so command counts are this run's only).
    public func run(name: String, servers: [RedisServer], makeLock: @escaping LockFactory) async throws -> ContentionResult {
        let endpoints = servers.map(\.endpoint)
        var admins: [RedisConnection] = []
        for endpoint in endpoints { admins.append(try await RedisConnection.connect(to: endpoint)) }
        var locks: [any ResourceLock] = []
        for index in 0..<clients { locks.append(try await makeLock(index, endpoints)) }

        var callsBefore = 0
        for admin in admins { callsBefore += try await CommandStats.totalCalls(admin) }
        let clock = ContinuousClock()
        let start = clock.now
        let deadline = start + duration
        let hold = self.hold
        let outcomes = try await withThrowingTaskGroup(of: (Int, Histogram<UInt64>, Duration).self) { group in
            for lock in locks {
                group.addTask {
                    var waits = Histogram<UInt64>(highestTrackableValue: 60_000_000)
                    var count = 0
                    var held = Duration.zero
                    while clock.now < deadline {
                        let asked = clock.now
                        let remaining = deadline - asked
                        let lease: LockLease
                        do {
                            lease = try await lock.acquire("bench:contended", ttl: .seconds(10), wait: remaining)
                        } catch LockError.timeout {
                            break
                        }
                        let waited = clock.now - asked
                        _ = waits.record(UInt64(max(0, waited.seconds * 1_000_000)))
                        // Held from the moment acquire returned until the release came back: the
                        // key exists with our token for that long (give or take half a round trip each side).
                        let holding = clock.now
                        try await clock.sleep(for: hold)
                        try await lease.release()
                        held += clock.now - holding
                        count += 1
                    }
                    return (count, waits, held)
                }
            }
            var outcomes: [(Int, Histogram<UInt64>, Duration)] = []
            for try await outcome in group { outcomes.append(outcome) }
            return outcomes
        }
        let elapsed = (clock.now - start).seconds
        var callsAfter = 0
        for admin in admins { callsAfter += try await CommandStats.totalCalls(admin) }

        var waits = Histogram<UInt64>(highestTrackableValue: 60_000_000)
        for outcome in outcomes { waits.add(outcome.1) }
        let acquisitions = outcomes.reduce(0) { $0 + $1.0 }
        // Each INFO call is itself counted once per server, after the first snapshot.
        let calls = callsAfter - callsBefore - admins.count
        return ContentionResult(
            name: name, acquisitions: acquisitions, seconds: elapsed,
            p50Milliseconds: Double(waits.valueAtPercentile(50)) / 1000,
            p99Milliseconds: Double(waits.valueAtPercentile(99)) / 1000,
            maxMilliseconds: Double(waits.max) / 1000,
            perClient: outcomes.map(\.0),
            commandsPerAcquisition: acquisitions > 0 ? Double(calls) / Double(acquisitions) : nil,
            holdMilliseconds: hold.seconds * 1000,
            heldSeconds: outcomes.reduce(Duration.zero) { $0 + $1.2 }.seconds)
    }
}
