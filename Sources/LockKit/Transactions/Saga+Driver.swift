/// Drives one saga while holding its lock: forward through the steps, or backward through
/// their compensations, persisting every transition before going on.
struct SagaDriver {
    let saga: Saga
    let store: SagaStore
    let lease: LockLease
    /// Mirror of the hash, updated after each successful write.
    var record: SagaRecord

    /// Creates or takes over the saga's hash and records `started` or `resumed`.
    static func start(_ saga: Saga, lease: LockLease, mayCreate: Bool) async throws(TransactionError) -> SagaDriver {
        let store = SagaStore(connection: saga.connection, key: saga.key,
                              eventsKey: saga.options.emitsEvents ? saga.eventLog.key : nil,
                              owner: lease.token.value, lockKey: lease.key, retention: saga.options.retention,
                              eventMaxLength: saga.options.eventMaxLength, sagaName: saga.name, sagaID: saga.id)
        let now = JSONCoding.nowMilliseconds()
        var initial: [String: SagaStepRecord] = [:]
        for (index, step) in saga.steps.enumerated() {
            initial[step.name] = SagaStepRecord(state: .pending, attempt: 0, index: index, updatedAt: now)
        }
        switch try await store.begin(initialSteps: initial, mayCreate: mayCreate) {
        case .missing:
            throw .notFound(key: saga.key)
        case .created:
            var driver = SagaDriver(saga: saga, store: store, lease: lease,
                                    record: SagaRecord(key: saga.key, status: .started, owner: lease.token.value, updatedAt: now, steps: initial))
            try await driver.persist(status: nil, steps: [:], .started)
            return driver
        case .existing(let record):
            let expected = saga.steps.map(\.name)
            guard Set(record.steps.keys) == Set(expected) else {
                throw .invalidState(key: saga.key, found: "steps \(record.orderedStepNames)", expected: "steps \(expected)")
            }
            var driver = SagaDriver(saga: saga, store: store, lease: lease, record: record)
            if !record.status.isFinished { try await driver.persist(status: nil, steps: [:], .resumed) }
            return driver
        }
    }

    mutating func continueRun() async throws(TransactionError) -> SagaOutcome {
        switch record.status {
        case .completed, .failed:
            return record.outcome ?? .failed(step: nil, reason: "unknown")
        case .compensating:
            return try await compensate()
        case .started, .running:
            return try await forward()
        }
    }

    private mutating func forward() async throws(TransactionError) -> SagaOutcome {
        for (index, step) in saga.steps.enumerated() {
            let current = state(of: step, index)
            switch current.state {
            case .done:
                continue
            case .pending:
                guard try await runAction(step, current) else { return try await compensate() }
            case .running where step.isIdempotent:
                // A crash left it running; its idempotency key makes a re-run apply it at most once.
                guard try await runAction(step, current) else { return try await compensate() }
            case .running:
                guard step.compensation != nil, step.compensationToleratesPartialRun else {
                    throw .invalidState(key: saga.key, found: "step '\(step.name)' running with an unknown outcome (not idempotent, no tolerant compensation)",
                                        expected: "done or failed: check the step's effect by hand and set its state field accordingly")
                }
                let reason = "outcome unknown: the process driving it stopped while it ran"
                var failed = current
                failed.state = .failed
                failed.error = reason
                try await persist(status: .compensating, steps: [step.name: failed], .stepFailed(step.name, error: reason))
                return try await compensate()
            case .failed, .compensating, .compensated:
                try await persist(status: .compensating, steps: [:], .stepFailed(step.name, error: current.error ?? "failed earlier"))
                return try await compensate()
            }
        }
        try await persist(status: .completed, steps: [:], .completed)
        return .completed
    }

    /// Runs one action with its state written before (running) and after (done or failed);
    /// `false` when it failed (and the saga is now compensating).
    private mutating func runAction(_ step: SagaStep, _ current: SagaStepRecord) async throws(TransactionError) -> Bool {
        var running = current
        running.state = .running
        running.attempt += 1
        running.error = nil
        try await persist(status: .running, steps: [step.name: running], .stepStarted(step.name, attempt: running.attempt))
        try ensureHeld()
        do {
            try await step.action(context(step, attempt: running.attempt))
        } catch {
            let reason = "\(error)"
            var failed = running
            failed.state = .failed
            failed.error = reason
            try await persist(status: .compensating, steps: [step.name: failed], .stepFailed(step.name, error: reason))
            return false
        }
        var done = running
        done.state = .done
        try await persist(status: nil, steps: [step.name: done], .stepDone(step.name))
        return true
    }

    /// Compensates, last step first, every step that ran; then records `failed`.
    private mutating func compensate() async throws(TransactionError) -> SagaOutcome {
        for (index, step) in saga.steps.enumerated().reversed() {
            let current = state(of: step, index)
            guard let compensation = step.compensation else { continue }
            switch current.state {
            case .pending, .compensated:
                continue
            case .done, .compensating:
                break
            case .failed, .running:
                guard step.compensationToleratesPartialRun else { continue }
            }
            var compensating = current
            compensating.state = .compensating
            try await persist(status: nil, steps: [step.name: compensating], .stepCompensating(step.name))
            try ensureHeld()
            do {
                try await compensation(context(step, attempt: max(current.attempt, 1)))
            } catch {
                let reason = "\(error)"
                compensating.compensationError = reason
                try await persist(status: nil, steps: [step.name: compensating], .compensationFailed(step.name, error: reason))
                throw .compensationFailed(step: step.name, underlying: reason)
            }
            var compensated = compensating
            compensated.state = .compensated
            compensated.compensationError = nil
            try await persist(status: nil, steps: [step.name: compensated], .stepCompensated(step.name))
        }
        try await persist(status: .failed, steps: [:], .failed)
        return record.outcome ?? .failed(step: nil, reason: "unknown")
    }

    /// Writes the change, mirrors it locally, then tells the observer.
    private mutating func persist(status: SagaStatus?, steps: [String: SagaStepRecord], _ transition: SagaTransition) async throws(TransactionError) {
        let now = JSONCoding.nowMilliseconds()
        var stamped = steps
        for name in stamped.keys { stamped[name]?.updatedAt = now }
        try await store.write(status: status, steps: stamped, transition: transition, now: now)
        if let status { record.status = status }
        record.steps.merge(stamped) { _, new in new }
        record.updatedAt = now
        await saga.options.observer?(transition)
    }

    private func state(of step: SagaStep, _ index: Int) -> SagaStepRecord {
        record.steps[step.name] ?? SagaStepRecord(state: .pending, attempt: 0, index: index, updatedAt: 0)
    }

    private func context(_ step: SagaStep, attempt: Int) -> SagaStepContext {
        SagaStepContext(sagaName: saga.name, sagaID: saga.id, step: step.name,
                        idempotencyKey: saga.idempotencyKey(for: step.name), attempt: attempt, lease: lease)
    }

    private func ensureHeld() throws(TransactionError) {
        guard lease.isHeld else { throw .lock(.notHeld(key: lease.key)) }
    }
}
