import RedisClient

extension FairLock {
    /// Listens on this process's grant channel, queues, then sleeps until the grant message,
    /// a reconnect or the safety timer, and looks (confirming a grant) after each, until the
    /// lock is ours or `wait` runs out. A wait that ends without the lock leaves the queue.
    func waitForHandOver(_ resource: String, priority: Int, ttl: Duration, wait: Duration) async throws(LockError) -> LockLease {
        let key = schema.lock(resource)
        let channel = schema.grantChannel(resource, process: OwnerToken.processTag)
        await ConnectionNaming.ensure(connection)
        // One token for the whole wait: it is the queue member, the grant's value, and a retry
        // recognises a lock that an attempt whose reply was lost had taken.
        let token = OwnerToken.generate()
        let clock = ContinuousClock()
        let deadline = clock.now + wait

        // Nobody of this process waits, so no subscription stands: a free lock is taken with a
        // bare SET NX (uncontended, that is the whole acquisition), and only a held one pays
        // for subscribing. (A free lock with waiters queued is rare: a grant or holder just
        // expired.) A fenced lock needs the scripts' INCR from the first try on.
        if !fenced && !notifications.isSubscribed(to: channel) {
            let started = clock.now
            var replyLost = false
            do {
                let reply = try await connection.send("SET", key, token.value, "NX", "PX", ttl.wholeMilliseconds)
                if reply.isOK { return lease(resource, token: token, fence: nil, started: started, ttl: ttl) }
            } catch {
                // The SET may have taken the lock before its reply was lost: the queue's first
                // script recognises our token, so go on as if it was held.
                guard error.isConnectionLoss else { throw .redis(error) }
                replyLost = true
            }
            guard replyLost || clock.now < deadline else { throw .timeout(key: key, waited: wait) }
        }

        // Listening before queueing: a grant published to nobody would drop this waiter.
        let waiter = notifications.register(channel: channel, token: token.value)
        defer { waiter.end() }
        if !waiter.isSubscribed {
            _ = await waiter.waitUntilSubscribed(timeout: min(safetyInterval, max(.zero, deadline - clock.now)))
        }

        var script = HandOverScripts.enter
        var arrival = 0
        var granted = false
        do throws(LockError) {
            if Task.isCancelled { throw .cancelled(key: key) }
            while true {
                let started = clock.now
                var holderTTL: Duration?
                var connectionLoss: RedisError?
                do throws(LockError) {
                    if granted, try await confirmNatively(key, token: token, ttl: ttl) {
                        return lease(resource, token: token, fence: nil, started: started, ttl: ttl)
                    }
                    let reply = try await attempt(script, resource, token: token, ttl: ttl, priority: priority, arrival: arrival)
                    if case .acquired(let fence) = reply { return lease(resource, token: token, fence: fence, started: started, ttl: ttl) }
                    holderTTL = reply.holderTTL
                    arrival = reply.arrival ?? arrival
                    script = HandOverScripts.look
                } catch {
                    // The attempt may have run: the next look finds out (its token is the same).
                    guard case .redis(let failure) = error, failure.isConnectionLoss else { throw error }
                    connectionLoss = failure
                    script = HandOverScripts.look
                }
                let remaining = deadline - clock.now
                guard remaining > .zero else {
                    if let connectionLoss { throw .redis(connectionLoss) }
                    throw .timeout(key: key, waited: wait)
                }
                var pause = min(safetyInterval, remaining)
                // Look just after the holder's lock (or a grant nobody confirms) expires.
                if let holderTTL { pause = min(pause, holderTTL + .milliseconds(1)) }
                if connectionLoss != nil { pause = min(pause, ReleaseNotifications.retryAfterConnectionLoss) }
                let wake = await waiter.wait(for: pause)
                if wake == .cancelled { throw .cancelled(key: key) }
                granted = wake == .released
            }
        } catch {
            // Best effort: a waiter that cannot leave is dropped when a grant finds nobody
            // listening for it, and a grant it got meanwhile expires after `grantTTL`.
            _ = try? await run(HandOverScripts.leave, resource, token: token, ttl: ttl)
            throw error
        }
    }

    /// Confirms a grant with one `SET key token IFEQ token PX ttl` where the server has it
    /// (Valkey 8.1+, Redis 8.4+) and no fence is needed; `false` sends the caller to the script.
    private func confirmNatively(_ key: String, token: OwnerToken, ttl: Duration) async throws(LockError) -> Bool {
        guard !fenced else { return false }
        do {
            guard try await connection.capabilities().setIfEqual else { return false }
            return try await connection.send("SET", key, token.value, "IFEQ", token.value, "PX", ttl.wholeMilliseconds).isOK
        } catch { throw .redis(error) }
    }
}
