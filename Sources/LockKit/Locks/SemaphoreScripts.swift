import RedisClient

/// The semaphore's scripts. Its zset holds one member per permit holder (its token, scored by
/// the server time its lease ends) and `limit:<N>` scored +inf, the permit count in force.
enum SemaphoreScripts {
    /// Finds the limit member; the one in the set wins over the caller's, so every client
    /// counts against the same N while the semaphore is in use.
    static let limitPrelude = HolderSetScripts.prelude + """
        local function current_limit(key)
          local found = redis.call('ZRANGEBYSCORE', key, '+inf', '+inf', 'LIMIT', 0, 1)
          if found[1] then return found[1], tonumber(string.sub(found[1], 7)) end
          return nil, nil
        end

        """

    /// KEYS[1] semaphore; ARGV[1] token, ARGV[2] ttl ms, ARGV[3] permits when none are recorded.
    /// `{1, holders}` when a permit is ours, `{0, ms until the soonest lease ends}` (-1: none ends).
    static let acquire = RedisScript(name: "semaphore-acquire", source: limitPrelude + """
        local now = server_ms()
        prune(KEYS[1], now)
        local limit_member, limit = current_limit(KEYS[1])
        if not limit then
          if limit_member then redis.call('ZREM', KEYS[1], limit_member) end
          limit = tonumber(ARGV[3])
          redis.call('ZADD', KEYS[1], '+inf', 'limit:' .. ARGV[3])
        end
        local holders = redis.call('ZCARD', KEYS[1]) - 1
        if not redis.call('ZSCORE', KEYS[1], ARGV[1]) then
          if holders >= limit then
            local soonest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
            expire_with_latest(KEYS[1])
            if soonest[2] and soonest[2] ~= 'inf' then return {0, tonumber(soonest[2]) - now} end
            return {0, -1}
          end
          holders = holders + 1
        end
        redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[1])
        expire_with_latest(KEYS[1])
        return {1, holders}
        """)

    /// KEYS[1] semaphore; ARGV[1] permits, ARGV[2] channel. Sets the permit count of a semaphore in use (holders
    /// above a lowered count keep their permits until they release), and wakes every waiter, as a
    /// raised count lets several in. 1 if set, 0 if the semaphore is not in use.
    static let setLimit = RedisScript(name: "semaphore-set-limit", source: limitPrelude + """
        local now = server_ms()
        prune(KEYS[1], now)
        local limit_member = current_limit(KEYS[1])
        if not limit_member then return 0 end
        redis.call('ZREM', KEYS[1], limit_member)
        redis.call('ZADD', KEYS[1], '+inf', 'limit:' .. ARGV[1])
        expire_with_latest(KEYS[1])
        if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
        redis.call('PUBLISH', ARGV[2], 'released:all')
        return 1
        """)
}
