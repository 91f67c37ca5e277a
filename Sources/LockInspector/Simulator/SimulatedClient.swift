import LockKit
import RedisClient

/// One contending client: acquire, check exclusion, hold for the critical section, check
/// again, release; until the run's limit, a failure, or cancellation.
struct SimulatedClient: Sendable {
    let index: Int
    let lock: ClientLock
    let ledger: ClientLedger
    let check: ExclusionCheck

    /// Runs the loop on the client's connection thread: each command then needs no hop
    /// through the cooperative pool (2 threads here), which would stall every other client.
    func run(_ parameters: SimulationParameters, deadline: ContinuousClock.Instant?) async throws(SimulationError) {
        try await withTaskExecutorPreference(lock.primary.executor) { () async throws(SimulationError) in
            try await loop(parameters, deadline: deadline)
        }
    }

    private func loop(_ parameters: SimulationParameters, deadline: ContinuousClock.Instant?) async throws(SimulationError) {
        let clock = ContinuousClock()
        var done = 0
        while !Task.isCancelled {
            if case .acquisitionsPerClient(let count) = parameters.limit, done >= count { return }
            let asked = clock.now
            var wait = parameters.acquireTimeout
            if let deadline {
                guard asked < deadline else { return }
                wait = min(wait, deadline - asked)
            }
            let lease: LockLease
            let access = lock.nextAccess()
            do {
                lease = try await lock.acquire(wait, access)
            } catch {
                // Cancellation shows up as whatever the pattern makes of it: Redlock's
                // abandoned servers look unreachable, for one.
                if Task.isCancelled { return }
                switch error {
                case .timeout:
                    // A wait cut short by the end of the run is not a timeout.
                    if let deadline, clock.now >= deadline { return }
                    ledger.timedOut()
                    continue
                case .cancelled:
                    return
                default:
                    throw .clientFailed(client: index, underlying: error)
                }
            }
            let entered = clock.now
            ledger.entered(after: entered - asked)
            try await hold(lease, access, since: entered, for: parameters.hold, clock: clock)
            done += 1
        }
    }

    /// The critical section: `section` long from `entered` (acquire returned) to the start of
    /// the release, the two exclusion checks included (they are its work). Whatever happens
    /// inside (cancellation, a failed check), the exclusion marks are taken back and the lease
    /// is released before returning. Held time runs from `entered` until the release
    /// returned: the key holds our token about that long.
    private func hold(_ lease: LockLease, _ access: SectionAccess, since entered: ContinuousClock.Instant, for section: Duration,
                      clock: ContinuousClock) async throws(SimulationError) {
        let token = lease.token.value
        let connection = lock.primary
        var violated = false
        var failure: RedisError?
        let checking = clock.now
        do {
            violated = try await check.enter(token, access, on: connection, ledger: ledger)
        } catch {
            failure = error
        }
        // The leaving check takes about as long as the entering one did; cancellation cuts the
        // section short, and the lock is still released below.
        if failure == nil { try? await PreciseWait.until(entered + section - (clock.now - checking), clock: clock) }
        do {
            violated = try await check.leave(token, access, on: connection, ledger: ledger) || violated
        } catch {
            failure = failure ?? error
        }
        var released = false
        do {
            released = try await release(lease)
        } catch {
            ledger.left(held: clock.now - entered, violated: violated, leaseLost: false)
            throw .clientFailed(client: index, underlying: error)
        }
        ledger.left(held: clock.now - entered, violated: violated, leaseLost: !released)
        if let failure { throw checkFailure(failure) }
    }

    /// Releases, also when the run is being cancelled: the release then runs in a task of
    /// its own, which the cancellation does not reach (Redlock would abandon its servers).
    private func release(_ lease: LockLease) async throws(LockError) -> Bool {
        guard Task.isCancelled else { return try await lease.release() }
        let release = Task(executorPreference: lock.primary.executor) { () async -> Result<Bool, LockError> in
            do throws(LockError) { return .success(try await lease.release()) } catch { return .failure(error) }
        }
        return try await release.value.get()
    }

    private func checkFailure(_ error: RedisError) -> SimulationError {
        if case .server(let endpoint, _, let message) = error, message.lowercased().contains("syntax") || message.contains("unknown command") {
            return .checkUnsupported(endpoint: endpoint, message: message)
        }
        return .clientFailed(client: index, underlying: .redis(error))
    }
}
