import RedisClient

// Token-compared release and extend over the path the server allows (`CompareAndSetPath`).
// They run as one call on the connection's thread, so a WATCH transaction cannot interleave
// with another caller's commands on the same connection.
extension RedisConnection {
    /// Deletes `key` if it holds `token`, then publishes `released` on `channel` (if any).
    /// `path` overrides the automatic choice (tests and benchmarks compare the paths).
    public func releaseIfOwned(_ key: any RedisArgument, token: any RedisArgument, channel: String?,
                               path: CompareAndSetPath? = nil) throws(RedisError) -> OwnerCheckedOutcome {
        let chosen: CompareAndSetPath
        if let path { chosen = path } else { chosen = CompareAndSetPath.release(on: try capabilities()) }
        switch chosen {
        case .lua:
            let reply = try run(LockScripts.release, keys: [key], arguments: [token, channel ?? ""])
            return reply.int == 1 ? .done(ttlMilliseconds: nil) : .ownerChanged
        case .native:
            let command = try capabilities().deleteIfEqual == .delEx
                ? RedisCommand("DELEX", key, "IFEQ", token) : RedisCommand("DELIFEQ", key, token)
            guard try send(command).int == 1 else { return .ownerChanged }
            if let channel { try send("PUBLISH", channel, "released") }
            return .done(ttlMilliseconds: nil)
        case .watch:
            let expected = token.redisBytes
            return try watchedUntilSettled(key) { () throws(RedisError) -> WatchedOutcome in
                try watched(key, reads: [RedisCommand("GET", key)]) { reads in
                    guard reads.first?.bytes == expected else { return nil }
                    return [RedisCommand("DEL", key)] + (channel.map { [RedisCommand("PUBLISH", $0, "released")] } ?? [])
                }
            } settled: { outcome in
                switch outcome {
                case .committed: .done(ttlMilliseconds: nil)
                case .declined(let reads): reads.first?.isNull == true ? .gone : .ownerChanged
                case .conflicted: nil
                }
            }
        }
    }

    /// Changes the TTL of `key` if it holds `token`; `.done` carries the new TTL.
    ///
    /// `remainingAtMost` (ms), when the caller knows a bound on the remaining TTL (a lease's
    /// `validUntil`, measured from before its acquire was sent, so never above the server's),
    /// lets the native path extend by one `SET IFEQ` instead of `PTTL` then `SET IFEQ`: the new
    /// TTL is then at most what the script would set, never more.
    public func extendIfOwned(_ key: any RedisArgument, token: any RedisArgument, change: TTLChange,
                              path: CompareAndSetPath? = nil, remainingAtMost: Int? = nil) throws(RedisError) -> OwnerCheckedOutcome {
        let chosen: CompareAndSetPath
        if let path { chosen = path } else { chosen = CompareAndSetPath.extend(on: try capabilities()) }
        switch chosen {
        case .lua:
            let (milliseconds, mode) = switch change {
            case .add(let milliseconds): (milliseconds, "add")
            case .set(let milliseconds): (milliseconds, "set")
            }
            let reply = try run(LockScripts.extend, keys: [key], arguments: [token, milliseconds, mode])
            guard let ttl = reply.int, ttl > 0 else { return .ownerChanged }
            return .done(ttlMilliseconds: ttl)
        case .native:
            var ttl: Int
            switch change {
            case .set(let milliseconds): ttl = milliseconds
            case .add(let milliseconds) where remainingAtMost != nil:
                ttl = milliseconds + max(remainingAtMost ?? 0, 0)
            case .add(let milliseconds):
                // The remaining TTL is read first; SET IFEQ then guards the owner. Never KEEPTTL
                // here (it would not add) and never SET without PX (it would drop the TTL).
                guard let remaining = try send("PTTL", key).int, remaining != -2 else { return .gone }
                ttl = milliseconds + max(remaining, 0)
            }
            let reply = try send("SET", key, token, "IFEQ", token, "PX", ttl)
            return reply.isOK ? .done(ttlMilliseconds: ttl) : .ownerChanged
        case .watch:
            let expected = token.redisBytes
            return try watchedUntilSettled(key) { () throws(RedisError) -> WatchedOutcome in
                try watched(key, reads: [RedisCommand("GET", key), RedisCommand("PTTL", key)]) { reads in
                    guard reads.first?.bytes == expected else { return nil }
                    return [RedisCommand("PEXPIRE", key, Self.newTTL(change, remaining: reads.last?.int ?? -1))]
                }
            } settled: { outcome in
                switch outcome {
                case .committed(let reads, let writes):
                    writes.first?.int == 1 ? .done(ttlMilliseconds: Self.newTTL(change, remaining: reads.last?.int ?? -1)) : .gone
                case .declined(let reads): reads.first?.isNull == true ? .gone : .ownerChanged
                case .conflicted: nil
                }
            }
        }
    }

    /// The TTL an extend sets, given the remaining one (`PTTL`: -1 none, -2 gone).
    static func newTTL(_ change: TTLChange, remaining: Int) -> Int {
        switch change {
        case .set(let milliseconds): milliseconds
        case .add(let milliseconds): milliseconds + max(remaining, 0)
        }
    }

    /// Most times a WATCH transaction is retried when the key keeps changing under it while
    /// the token still matches (another renewal by the same owner); then it gives up.
    static let maximumWatchRetries = 64

    /// Runs `attempt` until `settled` gives an outcome: a conflict re-reads the key, because
    /// the write that caused it may have been another owner's (then the retry declines).
    private func watchedUntilSettled(_ key: any RedisArgument,
                                     _ attempt: () throws(RedisError) -> WatchedOutcome,
                                     settled: (WatchedOutcome) -> OwnerCheckedOutcome?) throws(RedisError) -> OwnerCheckedOutcome {
        for _ in 0..<Self.maximumWatchRetries {
            if let result = settled(try attempt()) { return result }
        }
        throw .server(endpoint: endpoint.description, command: "WATCH/MULTI/EXEC",
                      message: "the key changed under \(Self.maximumWatchRetries) transactions in a row; try again")
    }
}

