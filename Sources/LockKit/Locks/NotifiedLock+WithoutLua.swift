import RedisClient

extension NotifiedLock {
    /// The attempt on a server that refuses Lua: `SET NX PX GET` and `PTTL` in one round
    /// trip. Nil from the SET means the lock was free and is ours now; our own token means an
    /// earlier attempt of this wait took it and its reply was lost (renewed to `ttl`, token
    /// compared); anything else is the holder, whose PTTL bounds the next pause.
    func attemptWithoutLua(_ resource: String, key: String, token: OwnerToken, ttl: Duration) async throws(LockError) -> LockAttempt {
        let started = ContinuousClock.now
        let replies: [RESPValue]
        do {
            replies = try await connection.pipeline([
                RedisCommand("SET", key, token.value, "NX", "PX", ttl.wholeMilliseconds, "GET"),
                RedisCommand("PTTL", key),
            ])
        } catch { throw .redis(error) }
        guard replies.count == 2 else {
            throw .redis(.protocolViolation(endpoint: connection.endpoint.description, command: "SET NX GET", reason: "expected 2 replies, got \(replies.count)"))
        }
        if let message = replies[0].errorMessage {
            throw .redis(.server(endpoint: connection.endpoint.description, command: "SET", message: message))
        }
        if replies[0].isNull {
            return .acquired(lease(resource, key: key, token: token, fence: nil, started: started, ttl: ttl))
        }
        if replies[0].bytes == Array(token.value.utf8) {
            guard try await DistributedLock.extendIfOwned(on: connection, key: key, token: token,
                                                          change: .set(milliseconds: ttl.wholeMilliseconds)) != nil else {
                return .held(holderTTL: nil)
            }
            return .acquired(lease(resource, key: key, token: token, fence: nil, started: started, ttl: ttl))
        }
        let pttl = replies[1].int ?? -1
        return .held(holderTTL: pttl >= 0 ? .milliseconds(pttl) : nil)
    }
}
