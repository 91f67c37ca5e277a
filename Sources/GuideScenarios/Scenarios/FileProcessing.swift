import LockKit
import RedisClient

/// What a file processing run did.
public struct FileProcessingSummary: Sendable, Equatable {
    /// The file's name (names its lock and progress keys).
    public var file: String
    /// How many chunks the file has.
    public var chunks: Int
    /// Chunks done before the run ended.
    public var chunksProcessed: Int
    /// Chunks after which Redis still named this holder's token as the lock owner.
    public var ownershipChecksPassed: Int
    /// Why the lease was lost, if it was; the run stops at the next chunk then.
    public var loss: LeaseLoss?
    /// The whole run took longer than the lock's TTL: without renewal the lock would have expired.
    public var outlivedTTL: Bool
    /// The final release found the lock still ours.
    public var released: Bool

    /// Every chunk done and the lock ours after each one.
    public var heldThroughout: Bool {
        loss == nil && chunksProcessed == chunks && ownershipChecksPassed == chunks && released
    }
}

/// The guide's large file processing: one long job under one lock whose TTL is shorter
/// than the job, kept alive by `LockWatchdog`. After each chunk the holder checks the lease
/// (and, for the summary, that Redis still names it the owner); a lost lease stops the work
/// instead of letting it run on unprotected.
public struct FileProcessing: Sendable {
    /// The file's name (names its lock and progress keys).
    public var file: String
    /// How many chunks the file has.
    public var chunks: Int
    /// Time one chunk takes (simulated work).
    public var chunkWork: Duration
    /// TTL of the lock, renewed to this every third of it.
    public var lockTTL: Duration
    /// How long to wait for the lock.
    public var wait: Duration

    /// A run over `chunks` chunks of `file`.
    public init(file: String, chunks: Int, chunkWork: Duration = .milliseconds(50),
                lockTTL: Duration = .seconds(1), wait: Duration = .seconds(30)) {
        self.file = file
        self.chunks = chunks
        self.chunkWork = chunkWork
        self.lockTTL = lockTTL
        self.wait = wait
    }

    /// The resource of the file's lock: `file:<name>` (lock key `lock:{file:<name>}`).
    public var resource: String { "file:\(file)" }
    /// Hash of processed chunks (chunk index -> owner token).
    public var progressKey: String { "file:progress:{\(file)}" }

    /// Processes every chunk under `lock`, renewed by a watchdog.
    public func run(lock: DistributedLock) async throws -> FileProcessingSummary {
        let connection = lock.connection
        try await connection.send("DEL", progressKey)
        let clock = ContinuousClock()
        let lease = try await lock.acquire(resource, ttl: lockTTL, wait: wait)
        let watchdog = LockWatchdog(lease: lease, ttl: lockTTL)
        var summary = FileProcessingSummary(file: file, chunks: chunks, chunksProcessed: 0, ownershipChecksPassed: 0,
                                            loss: nil, outlivedTTL: false, released: false)
        for chunk in 0..<chunks {
            guard lease.isHeld else { break }
            try await clock.sleep(for: chunkWork)
            try await connection.send("HSET", progressKey, chunk, lease.token.value)
            summary.chunksProcessed += 1
            if try await lock.owner(resource) == lease.token { summary.ownershipChecksPassed += 1 }
        }
        watchdog.stop()
        await watchdog.finished()
        if case .lost(let loss) = lease.status { summary.loss = loss }
        summary.outlivedTTL = clock.now - lease.acquiredAt > lockTTL
        summary.released = try await lease.release()
        return summary
    }
}
