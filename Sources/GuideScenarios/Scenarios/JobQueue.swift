import LockKit
import RedisClient

/// What a job queue run did.
public struct JobQueueSummary: Sendable, Hashable {
    /// How many jobs the queue is filled with.
    public var jobs: Int
    /// How many workers run at once.
    public var workers: Int
    /// How many times each job ran, by job id (from Redis).
    public var runs: [String: Int]
    /// Jobs each worker ran, by worker index.
    public var perWorker: [Int]

    /// Jobs that ran at least once.
    public var completed: Int { runs.values.count { $0 > 0 } }
    /// Runs beyond the first, over all jobs.
    public var duplicateRuns: Int { runs.values.reduce(0) { $0 + max(0, $1 - 1) } }
    /// Every job ran, and none twice.
    public var everyJobRanOnce: Bool { runs.count == jobs && runs.values.allSatisfy { $0 == 1 } }
}

/// The guide's worker job queue: workers take jobs from a shared list, each job under its
/// own lock, and check inside the lock that it is not done yet, so every job runs once
/// even when workers race for it. A worker that finds every pending job taken waits for one
/// lock (with `NotifiedLock`, until its release is published) instead of spinning.
public struct JobQueue: Sendable {
    /// Names the queue's keys and job locks.
    public var name: String
    /// How many jobs the queue is filled with.
    public var jobs: Int
    /// How many workers run at once.
    public var workers: Int
    /// Time one job takes (simulated work).
    public var jobWork: Duration
    /// TTL of a job lock.
    public var lockTTL: Duration
    /// How long a worker waits for a job lock when all pending jobs are taken.
    public var wait: Duration

    /// A run of `workers` workers over `jobs` jobs.
    public init(name: String, jobs: Int, workers: Int, jobWork: Duration = .milliseconds(2),
                lockTTL: Duration = .seconds(5), wait: Duration = .seconds(30)) {
        self.name = name
        self.jobs = jobs
        self.workers = workers
        self.jobWork = jobWork
        self.lockTTL = lockTTL
        self.wait = wait
    }

    /// List of jobs not done yet.
    public var pendingKey: String { "jobqueue:{\(name)}:pending" }
    /// Set of jobs done.
    public var doneKey: String { "jobqueue:{\(name)}:done" }
    /// Hash: job -> how many times it ran.
    public var runsKey: String { "jobqueue:{\(name)}:runs" }

    /// The resource of one job's lock.
    public func jobResource(_ job: String) -> String { "job:\(name):\(job)" }

    /// Fills the queue with `jobs` jobs and runs `workers` workers until it is empty; each
    /// worker gets its own connection from `connect` and its lock from `makeLock`.
    public func run(
        connect: @escaping @Sendable () async throws -> RedisConnection,
        makeLock: @escaping @Sendable (RedisConnection) throws -> any ResourceLock = { DistributedLock(connection: $0) }
    ) async throws -> JobQueueSummary {
        let setup = try await connect()
        try await setup.send("DEL", pendingKey, doneKey, runsKey)
        if jobs > 0 { try await setup.send(RedisCommand("RPUSH", arguments: [pendingKey] + (0..<jobs).map { "job-\($0)" })) }
        let perWorker = try await withThrowingTaskGroup(of: (Int, Int).self) { group in
            for worker in 0..<workers {
                group.addTask {
                    let connection = try await connect()
                    return (worker, try await work(as: worker, connection: connection, lock: try makeLock(connection)))
                }
            }
            var counts = Array(repeating: 0, count: workers)
            for try await (worker, count) in group { counts[worker] = count }
            return counts
        }
        let reply = try await setup.send("HGETALL", runsKey).array ?? []
        var runs: [String: Int] = [:]
        for pair in stride(from: 0, to: reply.count - 1, by: 2) {
            if let job = reply[pair].string, let count = reply[pair + 1].int { runs[job] = count }
        }
        return JobQueueSummary(jobs: jobs, workers: workers, runs: runs, perWorker: perWorker)
    }

    /// One worker's loop; how many jobs it ran.
    private func work(as worker: Int, connection: RedisConnection, lock: any ResourceLock) async throws -> Int {
        var ran = 0
        while true {
            let pending = (try await connection.send("LRANGE", pendingKey, 0, -1).array ?? []).compactMap(\.string)
            guard !pending.isEmpty else { return ran }
            // Start at a different place per worker, so they do not all fight for the head.
            let offset = worker % pending.count
            var progressed = false
            for job in pending[offset...] + pending[..<offset] {
                guard let lease = try await lock.tryAcquire(jobResource(job), ttl: lockTTL) else { continue }
                if try await process(job, lease: lease, connection: connection) { ran += 1 }
                progressed = true
            }
            if !progressed, let first = pending.first {
                let lease = try await lock.acquire(jobResource(first), ttl: lockTTL, wait: wait)
                if try await process(first, lease: lease, connection: connection) { ran += 1 }
            }
        }
    }

    /// Runs `job` unless it is done already, then releases its lock; `true` if it ran it.
    private func process(_ job: String, lease: LockLease, connection: RedisConnection) async throws -> Bool {
        do {
            guard try await connection.send("SISMEMBER", doneKey, job).int == 0 else {
                try await lease.release()
                return false
            }
            try await connection.send("HINCRBY", runsKey, job, 1)
            try await ContinuousClock().sleep(for: jobWork)
            try await connection.send("SADD", doneKey, job)
            try await connection.send("LREM", pendingKey, 0, job)
        } catch {
            _ = try? await lease.release()
            throw error
        }
        guard try await lease.release() else { throw LockError.notHeld(key: lease.key) }
        return true
    }
}
