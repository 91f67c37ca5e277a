import RedisClient

/// Scripts of the locks whose holders each have a lease of their own (read-write lock,
/// semaphore): a zset of members scored by the server time (ms) at which their lease ends.
///
/// Expired holders are dropped by whoever touches the set next, so one dead holder frees its
/// own share when its own lease ends. The key expires with the latest lease (`PEXPIREAT`), which
/// lets the inspector tell each holder's TTL from the key's PTTL without asking for the time.
package enum HolderSetScripts {
    /// Server time in ms, pruning of ended leases, the key's expiry, and removing a holder
    /// (nil if it was not there, else whether its lease was live); shared by every script.
    static let prelude = """
        local function server_ms()
          local t = redis.call('TIME')
          return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        end
        local function prune(key, now) redis.call('ZREMRANGEBYSCORE', key, '-inf', now) end
        local function expire_with_latest(key)
          local latest = redis.call('ZREVRANGEBYSCORE', key, '(+inf', '-inf', 'LIMIT', 0, 1, 'WITHSCORES')
          if latest[2] then redis.call('PEXPIREAT', key, latest[2]) else redis.call('DEL', key) end
        end
        local function has_prefix(text, prefix) return string.sub(text, 1, #prefix) == prefix end
        local function remove_hold(key, member, now)
          local ends = redis.call('ZSCORE', key, member)
          if not ends then return nil end
          redis.call('ZREM', key, member)
          prune(key, now)
          expire_with_latest(key)
          return tonumber(ends) > now
        end

        """

    /// KEYS[1] set; ARGV[1] member, ARGV[2] channel ('' for none). Publishes `released`
    /// (one waiter may take the freed share). 1 if the member held a live lease, 0 if it was
    /// gone or had ended (removed either way).
    package static let release = RedisScript(name: "holder-set-release", source: prelude + """
        local live = remove_hold(KEYS[1], ARGV[1], server_ms())
        if live == nil then return 0 end
        if ARGV[2] ~= '' then redis.call('PUBLISH', ARGV[2], 'released') end
        if live then return 1 end
        return 0
        """)

    /// KEYS[1] set; ARGV[1] member, ARGV[2] ms, ARGV[3] 'add' or 'set'.
    /// The lease's new remaining ms, or 0 if the member holds no live lease.
    package static let renew = RedisScript(name: "holder-set-renew", source: prelude + """
        local now = server_ms()
        local ends = tonumber(redis.call('ZSCORE', KEYS[1], ARGV[1]))
        if not ends or ends <= now then return 0 end
        local new_end = now + tonumber(ARGV[2])
        if ARGV[3] == 'add' then new_end = ends + tonumber(ARGV[2]) end
        redis.call('ZADD', KEYS[1], 'XX', new_end, ARGV[1])
        expire_with_latest(KEYS[1])
        return new_end - now
        """)

    /// KEYS[1] set; ARGV[1] member. Removes a member that gave up waiting (no wake: it held nothing).
    static let leave = RedisScript(name: "holder-set-leave", source: prelude + """
        if redis.call('ZREM', KEYS[1], ARGV[1]) == 1 then expire_with_latest(KEYS[1]) end
        return 1
        """)
}
