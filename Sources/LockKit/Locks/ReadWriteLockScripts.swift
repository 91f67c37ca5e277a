import RedisClient

/// The read-write lock's attempts. Members: `read:<token>`, `write:<token>` and
/// `wait:<token>` (a writer waiting), each scored by the server time its lease ends.
/// Replies: `{1, 0}` when taken, `{0, ms}` when not, ms being when the soonest blocking lease ends.
package enum ReadWriteLockScripts {
    /// KEYS[1] lock; ARGV[1] token, ARGV[2] ttl ms.
    /// A reader is let in unless a writer holds the lock or waits for it (writer preference).
    static let read = RedisScript(name: "rwlock-read", source: HolderSetScripts.prelude + """
        local now = server_ms()
        prune(KEYS[1], now)
        local me = 'read:' .. ARGV[1]
        if not redis.call('ZSCORE', KEYS[1], me) then
          local members = redis.call('ZRANGE', KEYS[1], 0, -1, 'WITHSCORES')
          local soonest = -1
          for i = 1, #members, 2 do
            if has_prefix(members[i], 'write:') or has_prefix(members[i], 'wait:') then
              local left = tonumber(members[i + 1]) - now
              if soonest < 0 or left < soonest then soonest = left end
            end
          end
          if soonest >= 0 then return {0, soonest} end
        end
        redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), me)
        expire_with_latest(KEYS[1])
        return {1, 0}
        """)

    /// KEYS[1] lock; ARGV[1] token, ARGV[2] ttl ms, ARGV[3] waiting lease ms.
    /// A writer is let in when no one else holds the lock; otherwise it is recorded as waiting
    /// (for ARGV[3] ms, renewed at each attempt), which keeps new readers out.
    static let write = RedisScript(name: "rwlock-write", source: HolderSetScripts.prelude + """
        local now = server_ms()
        prune(KEYS[1], now)
        local me = 'write:' .. ARGV[1]
        if not redis.call('ZSCORE', KEYS[1], me) then
          local members = redis.call('ZRANGE', KEYS[1], 0, -1, 'WITHSCORES')
          local soonest = -1
          for i = 1, #members, 2 do
            if has_prefix(members[i], 'write:') or has_prefix(members[i], 'read:') then
              local left = tonumber(members[i + 1]) - now
              if soonest < 0 or left < soonest then soonest = left end
            end
          end
          if soonest >= 0 then
            redis.call('ZADD', KEYS[1], now + tonumber(ARGV[3]), 'wait:' .. ARGV[1])
            expire_with_latest(KEYS[1])
            return {0, soonest}
          end
          redis.call('ZREM', KEYS[1], 'wait:' .. ARGV[1])
        end
        redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), me)
        expire_with_latest(KEYS[1])
        return {1, 0}
        """)

    /// KEYS[1] lock; ARGV[1] member, ARGV[2] channel. 1 if the hold was live, 0 if not.
    /// Wakes only who can go now: a waiting writer by name (`next:<token>`) once no reader is
    /// left, else, after a writer, every waiter (`released:all`: all readers may go).
    package static let release = RedisScript(name: "rwlock-release", source: HolderSetScripts.prelude + """
        local live = remove_hold(KEYS[1], ARGV[1], server_ms())
        if live == nil then return 0 end
        local waiting_writer, readers_left = nil, false
        for _, member in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
          if has_prefix(member, 'read:') then readers_left = true
          elseif has_prefix(member, 'wait:') and not waiting_writer then waiting_writer = string.sub(member, 6) end
        end
        if waiting_writer then
          if not readers_left then redis.call('PUBLISH', ARGV[2], 'next:' .. waiting_writer) end
        elseif has_prefix(ARGV[1], 'write:') then
          redis.call('PUBLISH', ARGV[2], 'released:all')
        end
        if live then return 1 end
        return 0
        """)
}
