import RedisClient

/// The hand-over lock's Lua (`FairLock`). Every script gets the same keys and arguments:
/// KEYS[1] lock, KEYS[2] queue, KEYS[3] arrivals, KEYS[4] fence;
/// ARGV[1] token, ARGV[2] lock ttl ms, ARGV[3] grant ttl ms, ARGV[4] grant channel prefix
/// (`KeySchema.grantChannel` without the process), ARGV[5] '1' to fence, ARGV[6] priority,
/// ARGV[7] the waiter's arrival number from an earlier attempt of the same wait (0: none yet),
/// ARGV[8] '1' when PUBLISH's count of listeners can be trusted ('0' on a Redis Cluster, where
/// it counts only the node's own: every waiter is then granted, and a dead one's grant expires).
///
/// Queue score = priority * 1e13 + arrival number (as `PriorityLock`'s): ZPOPMIN serves by
/// priority, then arrival, and every score stays below 2^53, so doubles hold it exactly.
///
/// A release does not free the lock while anyone waits: it writes the head's token into the
/// lock key with the short grant TTL and publishes `next:<token>` on the head's process
/// channel. PUBLISH answers how many connections heard it, so a waiter whose process died
/// (its subscriber connection closed with it) or stopped waiting (it unsubscribed) is dropped
/// right there, with no clock involved; a granted waiter that stalls loses the grant when
/// its TTL runs out, and whichever waiter looks next hands the lock on.
enum HandOverScripts {
    private static let helpers = """
        local function fence()
          if ARGV[5] == '1' then return redis.call('INCR', KEYS[4]) end
          return 0
        end
        -- Tokens are <ms>-<host>-<pid>-<8 hex>: a process's waiters share one channel.
        local function channel_of(member)
          return ARGV[4] .. (string.match(member, '^%d+%-(.+)%-%x%x%x%x%x%x%x%x$') or member)
        end
        -- Grants the lock to the first waiter someone still listens for; false if none is left.
        -- The script is atomic, so the waiter's confirmation cannot overtake the SET after PUBLISH.
        local function grant_next()
          while true do
            local head = redis.call('ZPOPMIN', KEYS[2])
            if #head == 0 then return false end
            local heard = redis.call('PUBLISH', channel_of(head[1]), 'next:' .. head[1])
            if heard > 0 or ARGV[8] == '0' then
              redis.call('SET', KEYS[1], head[1], 'PX', ARGV[3])
              return true
            end
          end
        end
        local function rejoin(token)
          local arrival = tonumber(ARGV[7])
          if arrival == 0 then arrival = redis.call('INCR', KEYS[3]) end
          redis.call('ZADD', KEYS[2], string.format('%.0f', tonumber(ARGV[6]) * 1e13 + arrival), token)
          return arrival
        end

        """

    /// Takes the lock if it is free, else queues (the waiter is already listening on its
    /// channel). {1, fencing token or 0} when the lock is ours, {0, -1, arrival} when queued.
    static let enter = RedisScript(name: "hand-over-enter", source: helpers + """
        local token = ARGV[1]
        local previous = redis.call('SET', KEYS[1], token, 'NX', 'PX', ARGV[2], 'GET')
        if not previous then return {1, fence()} end
        -- Granted to us already: an earlier attempt of this wait queued and its reply was lost.
        if previous == token then
          redis.call('PEXPIRE', KEYS[1], ARGV[2])
          return {1, fence()}
        end
        return {0, -1, rejoin(token)}
        """)

    /// A queued waiter looks (woken by its grant, its safety timer, or a reconnect). A grant
    /// in its name is confirmed: the grant TTL becomes the full TTL. A free lock (a grant or a
    /// holder expired, or a racing client released) is handed on. A waiter no longer queued
    /// (its grant expired while it stalled, or its process was not listening) rejoins with
    /// its old arrival number. {1, fence} when ours, {0, holder's PTTL, arrival} when not.
    static let look = RedisScript(name: "hand-over-look", source: helpers + """
        local token = ARGV[1]
        local holder = redis.call('GET', KEYS[1])
        if not holder then
          local head = redis.call('ZRANGE', KEYS[2], 0, 0)[1]
          -- The grant may come to us, when everyone ahead has gone.
          if head and head ~= token and grant_next() then holder = redis.call('GET', KEYS[1]) end
          if not holder then
            redis.call('ZREM', KEYS[2], token)
            redis.call('SET', KEYS[1], token, 'PX', ARGV[2])
            return {1, fence()}
          end
        end
        if holder == token then
          redis.call('PEXPIRE', KEYS[1], ARGV[2])
          return {1, fence()}
        end
        local arrival = tonumber(ARGV[7])
        local queued = redis.call('ZSCORE', KEYS[2], token)
        if queued then
          arrival = math.fmod(tonumber(queued), 1e13)
        else
          arrival = rejoin(token)
        end
        return {0, redis.call('PTTL', KEYS[1]), arrival}
        """)

    /// One attempt that never queues: the lock only if it is free and nobody waits.
    static let tryAcquire = RedisScript(name: "hand-over-try", source: helpers + """
        if redis.call('EXISTS', KEYS[2]) == 0 and redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
          return {1, fence()}
        end
        return {0, redis.call('PTTL', KEYS[1])}
        """)

    /// The holder releases (token-checked): the lock goes to the next live waiter, or is
    /// deleted (with the arrival counter) when nobody waits. 1 released, 0 not ours.
    static let release = RedisScript(name: "hand-over-release", source: helpers + """
        if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
        if not grant_next() then redis.call('DEL', KEYS[1], KEYS[3]) end
        return 1
        """)

    /// A waiter gives up (timeout, cancellation, error): it leaves the queue, and a grant
    /// (or a lock a lost reply gave it) goes on to the next waiter. 1 if it held one.
    static let leave = RedisScript(name: "hand-over-leave", source: helpers + """
        redis.call('ZREM', KEYS[2], ARGV[1])
        if redis.call('GET', KEYS[1]) ~= ARGV[1] then
          -- The last waiter left: the counter goes with the queue.
          if redis.call('EXISTS', KEYS[2]) == 0 then redis.call('DEL', KEYS[3]) end
          return 0
        end
        if not grant_next() then redis.call('DEL', KEYS[1], KEYS[3]) end
        return 1
        """)
}
