import RedisClient

/// The notified lock's attempt: one round trip that either takes the lock or says how long
/// the holder's lock still lives (to bound the next pause).
enum NotifiedLockScripts {
    /// KEYS[1] lock, KEYS[2] fence; ARGV[1] token, ARGV[2] ttl ms, ARGV[3] '1' to fence.
    /// {1, fencing token or 0} when the lock is ours, {0, holder's PTTL} when not.
    ///
    /// The token is the same for every attempt of one wait, so an attempt whose reply was
    /// lost with the connection is recognised by the next one instead of locking us out.
    static let attempt = RedisScript(name: "notified-lock-attempt", source: """
        -- SET NX ... GET answers both questions in one command: nil = it was free and is ours now.
        local previous = redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2], 'GET')
        if not previous then
          if ARGV[3] == '1' then return {1, redis.call('INCR', KEYS[2])} end
          return {1, 0}
        end
        if previous == ARGV[1] then
          redis.call('PEXPIRE', KEYS[1], ARGV[2])
          if ARGV[3] == '1' then return {1, tonumber(redis.call('GET', KEYS[2]) or '0')} end
          return {1, 0}
        end
        return {0, redis.call('PTTL', KEYS[1])}
        """)
}
