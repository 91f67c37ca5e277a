import RedisClient

/// Scripts of the locks whose holders each have a lease of their own (read-write lock,
/// semaphore): a zset of members scored by the server time (ms) at which their lease ends.
///
/// A holder whose lease has ended no longer counts for anyone (every script reads only the
/// members scored after now), so one dead holder frees its own share when its own lease ends;
/// its entry is dropped by the next writer or full-semaphore attempt, or with the key. The key expires with the latest lease (`PEXPIREAT`), which
/// lets the inspector tell each holder's TTL from the key's PTTL without asking for the time.
package enum HolderSetScripts {
    /// Shared by every script: the server time in ms; `live_others`, one read of the set that
    /// gives the live members other than `me` ({member, lease end or nil for +inf}), whether
    /// `me` is live, and the latest finite lease end among the others; the key's expiry
    /// (`expire_at`, or `expire_with_latest`, which reads it); pruning of ended leases. Every
    /// `redis.call` costs about 2 µs of server time in Redis 7 (an empty script 3 µs), so the
    /// hot paths read the set once and write it once.
    static let prelude = """
        local function server_ms()
          local t = redis.call('TIME')
          return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        end
        local function live_others(key, now, me)
          local flat = redis.call('ZRANGEBYSCORE', key, '(' .. now, '+inf', 'WITHSCORES')
          local others, mine, latest = {}, false, nil
          for i = 1, #flat, 2 do
            if flat[i] == me then
              mine = true
            else
              local ends = nil
              if flat[i + 1] ~= 'inf' then ends = tonumber(flat[i + 1]) end
              others[#others + 1] = {flat[i], ends}
              if ends and (not latest or ends > latest) then latest = ends end
            end
          end
          return others, mine, latest
        end
        local function later(a, b)
          if not a or (b and b > a) then return b end
          return a
        end
        local function sooner(a, b)
          if not a or (b and b < a) then return b end
          return a
        end
        local function expire_at(key, latest)
          if latest then redis.call('PEXPIREAT', key, latest) else redis.call('DEL', key) end
        end
        local function expire_with_latest(key)
          local latest = redis.call('ZREVRANGEBYSCORE', key, '(+inf', '-inf', 'LIMIT', 0, 1, 'WITHSCORES')
          expire_at(key, latest[2])
        end
        local function prune(key, now) redis.call('ZREMRANGEBYSCORE', key, '-inf', now) end
        local function has_prefix(text, prefix) return string.sub(text, 1, #prefix) == prefix end

        """

    /// KEYS[1] set; ARGV[1] member, ARGV[2] channel ('' for none). Publishes `released`
    /// (one waiter may take the freed share). 1 if the member held a live lease, 0 if it was
    /// gone or had ended (removed either way).
    package static let release = RedisScript(name: "holder-set-release", source: prelude + """
        local others, mine, latest = live_others(KEYS[1], server_ms(), ARGV[1])
        if redis.call('ZREM', KEYS[1], ARGV[1]) == 0 then return 0 end
        expire_at(KEYS[1], latest)
        if ARGV[2] ~= '' then redis.call('PUBLISH', ARGV[2], 'released') end
        if mine then return 1 end
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
