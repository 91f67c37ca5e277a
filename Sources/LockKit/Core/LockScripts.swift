import RedisClient

/// The Lua scripts shared by the single-key locks. Every release and extend compares the
/// owner token inside Redis, atomically.
enum LockScripts {
    /// KEYS[1] lock, KEYS[2] fence; ARGV[1] token, ARGV[2] ttl ms. The new fencing token, or -1 if held.
    static let acquireFenced = RedisScript(name: "lock-acquire-fenced", source: """
        if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
          return redis.call('INCR', KEYS[2])
        end
        return -1
        """)

    /// KEYS[1] lock; ARGV[1] token, ARGV[2] channel ('' for none). 1 if released, 0 if not ours.
    static let release = RedisScript(name: "lock-release", source: """
        if redis.call('GET', KEYS[1]) == ARGV[1] then
          redis.call('DEL', KEYS[1])
          if ARGV[2] ~= '' then redis.call('PUBLISH', ARGV[2], 'released') end
          return 1
        end
        return 0
        """)

    /// KEYS[1] lock; ARGV[1] token, ARGV[2] ms, ARGV[3] 'add' or 'set'. The new PTTL, or 0 if not ours.
    static let extend = RedisScript(name: "lock-extend", source: """
        if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
        local ttl = tonumber(ARGV[2])
        if ARGV[3] == 'add' then
          local remaining = redis.call('PTTL', KEYS[1])
          if remaining > 0 then ttl = ttl + remaining end
        end
        redis.call('PEXPIRE', KEYS[1], ttl)
        return ttl
        """)
}
