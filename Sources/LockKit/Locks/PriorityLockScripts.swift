import RedisClient

/// The priority lock's Lua. Every script gets the same keys and arguments:
/// KEYS[1] lock, KEYS[2] queue, KEYS[3] deadlines, KEYS[4] arrivals, KEYS[5] fence;
/// ARGV[1] token, ARGV[2] lock ttl ms, ARGV[3] priority, ARGV[4] waiter lease ms,
/// ARGV[5] '1' to fence, ARGV[6] release channel, ARGV[7] the waiter's arrival number from an
/// earlier attempt of the same wait (0: none yet).
///
/// Queue score = priority * 1e13 + arrival number: ZRANGE order is priority, then arrival,
/// and every score stays below 2^53, so doubles hold it exactly.
enum PriorityLockScripts {
    private static let helpers = """
        local function now_ms()
          local t = redis.call('TIME')
          return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        end
        -- Waiters whose heartbeat deadline passed crashed or hung; an entry with no deadline at
        -- the head was written by a client that never heartbeats. Either would wedge the queue.
        local function drop_dead(now)
          local dropped = 0
          local dead = redis.call('ZRANGEBYSCORE', KEYS[3], '-inf', now)
          for _, member in ipairs(dead) do dropped = dropped + redis.call('ZREM', KEYS[2], member) end
          if #dead > 0 then redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', now) end
          while true do
            local head = redis.call('ZRANGE', KEYS[2], 0, 0)[1]
            if not head or redis.call('ZSCORE', KEYS[3], head) then break end
            redis.call('ZREM', KEYS[2], head)
            dropped = dropped + 1
          end
          return dropped
        end
        local function leave(token)
          redis.call('ZREM', KEYS[2], token)
          redis.call('ZREM', KEYS[3], token)
          if redis.call('ZCARD', KEYS[2]) == 0 then redis.call('DEL', KEYS[4]) end
        end
        local function fence()
          if ARGV[5] == '1' then return redis.call('INCR', KEYS[5]) end
          return 0
        end
        -- Wakes the head of the queue by name, so the other waiters are not woken for nothing.
        local function wake_head()
          local head = redis.call('ZRANGE', KEYS[2], 0, 0)[1]
          if head then redis.call('PUBLISH', ARGV[6], 'next:' .. head) else redis.call('PUBLISH', ARGV[6], 'released') end
        end
        -- A dropped entry may have been all that stood between the next waiter and a free lock.
        local function wake_if_free(dropped)
          if dropped > 0 and redis.call('ZCARD', KEYS[2]) > 0 and redis.call('EXISTS', KEYS[1]) == 0 then
            wake_head()
          end
        end

        """

    /// Enqueue (or heartbeat), and take the lock if it is free and we are at the head.
    /// {1, fencing token or 0} when the lock is ours, {0, holder's PTTL or -2, arrival} when
    /// not. A waiter that was dropped while it was descheduled rejoins with its old arrival.
    static let attempt = RedisScript(name: "priority-lock-attempt", source: helpers + """
        local token = ARGV[1]
        local now = now_ms()
        local dropped = drop_dead(now)
        -- The same token is used by every attempt of one wait: a lost reply had taken the lock.
        if redis.call('GET', KEYS[1]) == token then
          redis.call('PEXPIRE', KEYS[1], ARGV[2])
          leave(token)
          if ARGV[5] == '1' then return {1, tonumber(redis.call('GET', KEYS[5]) or '0')} end
          return {1, 0}
        end
        local queued = redis.call('ZSCORE', KEYS[2], token)
        if not queued and redis.call('ZCARD', KEYS[2]) == 0
           and redis.call('SET', KEYS[1], token, 'NX', 'PX', ARGV[2]) then
          return {1, fence()}
        end
        local arrival
        if queued then
          arrival = math.fmod(tonumber(queued), 1e13)
        elseif tonumber(ARGV[7]) > 0 then
          arrival = tonumber(ARGV[7])
        else
          arrival = redis.call('INCR', KEYS[4])
        end
        if not queued then
          redis.call('ZADD', KEYS[2], string.format('%.0f', tonumber(ARGV[3]) * 1e13 + arrival), token)
        end
        redis.call('ZADD', KEYS[3], now + tonumber(ARGV[4]), token)
        if redis.call('ZRANGE', KEYS[2], 0, 0)[1] == token
           and redis.call('SET', KEYS[1], token, 'NX', 'PX', ARGV[2]) then
          leave(token)
          return {1, fence()}
        end
        -- Abandoned queues expire instead of lingering; live waiters keep pushing this out.
        local keep = 2 * tonumber(ARGV[4])
        for i = 2, 4 do
          if redis.call('PTTL', KEYS[i]) < keep then redis.call('PEXPIRE', KEYS[i], keep) end
        end
        wake_if_free(dropped)
        return {0, redis.call('PTTL', KEYS[1]), arrival}
        """)

    /// One attempt that never queues: it takes the lock only if it is free and nobody waits.
    static let tryAcquire = RedisScript(name: "priority-lock-try", source: helpers + """
        local dropped = drop_dead(now_ms())
        if redis.call('ZCARD', KEYS[2]) == 0
           and redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
          return {1, fence()}
        end
        wake_if_free(dropped)
        return {0, redis.call('PTTL', KEYS[1])}
        """)

    /// A waiter gives up (timeout, cancellation, error): it leaves the queue, releases a lock
    /// a lost reply may have given it, and wakes the next in line if it was the head.
    static let leave = RedisScript(name: "priority-lock-leave", source: helpers + """
        local token = ARGV[1]
        local was_head = redis.call('ZRANGE', KEYS[2], 0, 0)[1] == token
        leave(token)
        local freed = false
        if redis.call('GET', KEYS[1]) == token then
          redis.call('DEL', KEYS[1])
          freed = true
        end
        if freed or (was_head and redis.call('ZCARD', KEYS[2]) > 0 and redis.call('EXISTS', KEYS[1]) == 0) then
          wake_head()
        end
        if freed then return 1 end
        return 0
        """)

    /// The holder releases (token-checked) and wakes the new head by name. 1 released, 0 not ours.
    static let release = RedisScript(name: "priority-lock-release", source: helpers + """
        if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
        redis.call('DEL', KEYS[1])
        wake_head()
        return 1
        """)
}
