import RedisClient

/// What one acquisition attempt found.
enum LockAttempt: Sendable {
    case acquired(LockLease)
    /// Someone else has it; `holderTTL` (when known) bounds the next pause, so a holder
    /// that dies without releasing is noticed when its lock expires.
    case held(holderTTL: Duration?)
}

/// What made a waiter look at the lock the time it got it.
enum AcquisitionCause: Sendable, Hashable {
    /// The first attempt, before any waiting.
    case immediate
    /// The attempt right after subscribing: the release came between the first attempt and the subscription.
    case subscribed
    case notification
    /// The safety re-check interval or the holder's TTL ran out without a message.
    case safetyTimer
    /// The subscriber reconnected and woke every waiter.
    case resubscribed
}

extension ReleaseNotifications {
    /// How soon to look again after the connection was lost mid-wait; the connection's own
    /// reconnect policy paces the attempts that follow.
    static let retryAfterConnectionLoss = Duration.milliseconds(20)

    /// Try, subscribe (and await the confirmation), try again, then wait for a release
    /// message or the safety timer before each further try, until `wait` runs out.
    ///
    /// Subscribing before the second try closes the guide's race, where a release between
    /// the failed try and the subscription was never heard. Connection losses while waiting
    /// are retried until the deadline (attempts must be idempotent for their token).
    func acquireWhenReleased(
        key: String,
        channel: String,
        token: String? = nil,
        wait: Duration,
        recheckEvery interval: Duration,
        attempt: () async throws(LockError) -> LockAttempt
    ) async throws(LockError) -> (lease: LockLease, cause: AcquisitionCause) {
        let clock = ContinuousClock()
        let deadline = clock.now + wait
        var outcome = try await attempt()
        if case .acquired(let lease) = outcome { return (lease, .immediate) }
        guard clock.now < deadline else { throw .timeout(key: key, waited: wait) }

        let waiter = register(channel: channel, token: token)
        defer { waiter.end() }
        if !waiter.isSubscribed {
            _ = await waiter.waitUntilSubscribed(timeout: min(interval, deadline - clock.now))
            if Task.isCancelled { throw .cancelled(key: key) }
        }

        var cause = AcquisitionCause.subscribed
        var connectionLoss: RedisError?
        while true {
            do {
                outcome = try await attempt()
                connectionLoss = nil
            } catch {
                guard case .redis(let failure) = error, failure.isConnectionLoss else { throw error }
                connectionLoss = failure
                outcome = .held(holderTTL: nil)
            }
            if case .acquired(let lease) = outcome { return (lease, cause) }

            let remaining = deadline - clock.now
            guard remaining > .zero else {
                if let connectionLoss { throw .redis(connectionLoss) }
                throw .timeout(key: key, waited: wait)
            }
            var pause = min(interval, remaining)
            // Look just after the holder's lock expires, in case it died without releasing.
            if case .held(let holderTTL?) = outcome { pause = min(pause, holderTTL + .milliseconds(1)) }
            if connectionLoss != nil { pause = min(pause, Self.retryAfterConnectionLoss) }

            switch await waiter.wait(for: pause) {
            case .released: cause = .notification
            case .resubscribed: cause = .resubscribed
            case .subscribed: cause = .subscribed
            // A retry after a lost connection keeps the reason it was looking for.
            case .timer: if connectionLoss == nil { cause = .safetyTimer }
            case .cancelled: throw .cancelled(key: key)
            }
        }
    }
}
