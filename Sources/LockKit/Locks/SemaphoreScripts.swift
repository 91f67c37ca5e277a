import RedisClient

/// The semaphore's scripts. Its zset holds one member per permit holder (its token, scored by
/// the server time its lease ends) and `limit:<N>` scored +inf, the permit count in force.
enum SemaphoreScripts {
    /// KEYS[1] semaphore; ARGV[1] token, ARGV[2] ttl ms, ARGV[3] permits when none are recorded.
    /// `{1, holders}` when a permit is ours, `{0, ms until the soonest lease ends}` (-1: none ends).
    /// The recorded count wins over the caller's, so every client counts against the same N
    /// while the semaphore is in use; a count that is not a number (or a second one) is dropped.
    static let acquire = RedisScript(name: "semaphore-acquire", source: HolderSetScripts.prelude + """
        local now = server_ms()
        local others, mine, latest = live_others(KEYS[1], now, ARGV[1])
        local limit, holders, soonest = nil, 0, nil
        for _, other in ipairs(others) do
          local count = nil
          if not other[2] and has_prefix(other[1], 'limit:') then count = tonumber(string.sub(other[1], 7)) end
          if other[2] then
            holders = holders + 1
            soonest = sooner(soonest, other[2])
          elseif count and not limit then
            limit = count
          else
            redis.call('ZREM', KEYS[1], other[1])
          end
        end
        if not limit then
          limit = tonumber(ARGV[3])
          redis.call('ZADD', KEYS[1], '+inf', 'limit:' .. ARGV[3])
        end
        if not mine and holders >= limit then
          -- This attempt waits anyway: drop ended leases' entries, and a key left with no lease.
          prune(KEYS[1], now)
          if not latest then redis.call('DEL', KEYS[1]) end
          if soonest then return {0, soonest - now} end
          return {0, -1}
        end
        local ends = now + tonumber(ARGV[2])
        redis.call('ZADD', KEYS[1], ends, ARGV[1])
        expire_at(KEYS[1], later(latest, ends))
        return {1, holders + 1}
        """)

    /// KEYS[1] semaphore; ARGV[1] permits, ARGV[2] channel. Sets the permit count of a semaphore
    /// in use (holders above a lowered count keep their permits until they release), and wakes
    /// every waiter, as a raised count lets several in. 1 if set, 0 if the semaphore is not in use.
    static let setLimit = RedisScript(name: "semaphore-set-limit", source: HolderSetScripts.prelude + """
        local others, _, latest = live_others(KEYS[1], server_ms(), '')
        if not latest then return 0 end
        for _, other in ipairs(others) do
          if not other[2] then redis.call('ZREM', KEYS[1], other[1]) end
        end
        redis.call('ZADD', KEYS[1], '+inf', 'limit:' .. ARGV[1])
        redis.call('PUBLISH', ARGV[2], 'released:all')
        return 1
        """)
}
