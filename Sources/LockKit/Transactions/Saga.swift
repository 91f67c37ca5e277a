import RedisClient

/// A saga: steps run in order, each with a compensation; when a step fails, the steps that
/// ran are compensated in reverse order. Unlike the guide's in-memory version, its state
/// lives in the hash `saga:<name>:{<id>}` and is written before and after every step, so
/// when the driving process dies, another process can `resume` (or `recover`) it.
///
/// - The hash holds `status` (started, running, compensating, completed, failed), one JSON
///   field per step (`SagaStepRecord`), `updatedAt` (ms) and `owner` (the driver's lock token).
/// - A `DistributedLock` on `saga:<name>:<id>` (renewed by a watchdog) keeps two processes
///   from driving it at once; every state write also checks `owner` atomically, so a driver
///   that lost its lock cannot overwrite its successor's state.
/// - Failure at step k compensates k-1 ... 1, in that order; step k itself only if its
///   compensation tolerates a partial run (`SagaStep.compensationToleratesPartialRun`).
/// - An unfinished saga's hash never expires; a finished one expires after `retention`.
/// - Every transition is appended to `events:<name>:{<id>}` in the same script as the state write.
///
/// Use it for a business transaction across several resources that cannot share one lock or
/// one MULTI (the guide's order: balance, stock, coupon, confirm).
public struct Saga: Sendable {
    /// The kind of saga, e.g. `order`.
    public let name: String
    /// Which instance, e.g. the order id.
    public let id: String
    /// The steps, in the order they run.
    public let steps: [SagaStep]
    public let connection: RedisConnection
    public var options: SagaOptions

    /// Saga `name` `id`; every process that may drive it must define the same steps.
    public init(name: String, id: String, steps: [SagaStep], connection: RedisConnection, options: SagaOptions = SagaOptions()) {
        self.name = name
        self.id = id
        self.steps = steps
        self.connection = connection
        self.options = options
    }

    /// The state hash's key.
    public var key: String { options.schema.saga(name, id) }

    /// The resource locked while the saga is driven (lock key `lock:{saga:<name>:<id>}`).
    public var lockResource: String { "saga:\(name):\(id)" }

    /// The stream the saga's events go to.
    public var eventLog: EventLog {
        EventLog(connection: connection, aggregate: name, id: id, schema: options.schema, maxLength: options.eventMaxLength)
    }

    /// The idempotency key a step receives: `<name>:<id>:<step>`.
    public func idempotencyKey(for step: String) -> String { "\(name):\(id):\(step)" }

    /// Starts the saga, or continues it if it exists (then it is the same as `resume`); a
    /// finished saga is not run again, its recorded outcome is returned.
    ///
    /// A failing step is not an error: the outcome is `.failed` after compensation. It throws
    /// when the saga cannot be driven (Redis unreachable, lock held elsewhere past `lockWait`,
    /// a compensation failing, or a state it cannot safely continue from); the state then
    /// stays as persisted, and `resume` continues from there.
    public func run() async throws(TransactionError) -> SagaOutcome {
        try await drive(mayCreate: true)
    }

    /// Continues a saga another process started: forward from the first step not done, or
    /// compensating in reverse. Throws `.notFound` if it was never started (or expired).
    public func resume() async throws(TransactionError) -> SagaOutcome {
        try await drive(mayCreate: false)
    }

    /// The persisted state, or `nil` if there is none.
    public func record() async throws(TransactionError) -> SagaRecord? {
        try await SagaRecord.load(key, on: connection)
    }

    func validate() throws(TransactionError) {
        guard !steps.isEmpty else { throw .invalidArgument("saga \(name) has no steps") }
        var seen: Set<String> = []
        for step in steps {
            guard !step.name.isEmpty, !SagaRecord.reservedFields.contains(step.name) else {
                throw .invalidArgument("step name '\(step.name)' is empty or reserved (\(SagaRecord.reservedFields.sorted()))")
            }
            guard seen.insert(step.name).inserted else { throw .invalidArgument("step name '\(step.name)' appears twice") }
        }
        guard options.retention > .zero, options.lockTTL > .zero else {
            throw .invalidArgument("retention and lockTTL must be positive")
        }
    }

    private func drive(mayCreate: Bool) async throws(TransactionError) -> SagaOutcome {
        try validate()
        // Its store writes step state with scripts (compare-and-set on the saga's lock).
        do { try await ScriptingRequirement.check(connection, pattern: "Saga") } catch { throw .lock(error) }
        let lock = DistributedLock(connection: connection, schema: options.schema)
        let lease: LockLease
        do {
            lease = try await lock.acquire(lockResource, ttl: options.lockTTL, wait: options.lockWait)
        } catch { throw .lock(error) }
        let watchdog = LockWatchdog(lease: lease, ttl: options.lockTTL)
        let result: Result<SagaOutcome, TransactionError>
        do throws(TransactionError) {
            var driver = try await SagaDriver.start(self, lease: lease, mayCreate: mayCreate)
            result = .success(try await driver.continueRun())
        } catch {
            result = .failure(error)
        }
        watchdog.stop()
        // A lost lease cannot be released; the outcome (or error) above is what matters.
        _ = try? await lease.release()
        return try result.get()
    }
}
