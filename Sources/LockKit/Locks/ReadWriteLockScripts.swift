import RedisClient

/// The read-write lock's attempts. Members: `read:<token>`, `write:<token>` and
/// `wait:<token>` (a writer waiting), each scored by the server time its lease ends.
/// Replies: `{1, 0}` when taken, `{0, ms}` when not, ms being when the soonest blocking lease ends.
package enum ReadWriteLockScripts {
    /// KEYS[1] lock; ARGV[1] token, ARGV[2] ttl ms.
    /// A reader is let in unless a writer holds the lock or waits for it (writer preference).
    static let read = RedisScript(name: "rwlock-read", source: HolderSetScripts.prelude + """
        local now = server_ms()
        local me = 'read:' .. ARGV[1]
        local others, mine, latest = live_others(KEYS[1], now, me)
        if not mine then
          local soonest = nil
          for _, other in ipairs(others) do
            if has_prefix(other[1], 'write:') or has_prefix(other[1], 'wait:') then soonest = sooner(soonest, other[2]) end
          end
          if soonest then return {0, soonest - now} end
        end
        local ends = now + tonumber(ARGV[2])
        redis.call('ZADD', KEYS[1], ends, me)
        expire_at(KEYS[1], later(latest, ends))
        return {1, 0}
        """)

    /// KEYS[1] lock; ARGV[1] token, ARGV[2] ttl ms, ARGV[3] waiting lease ms.
    /// A writer is let in when no one else holds the lock; otherwise it is recorded as waiting
    /// (for ARGV[3] ms, renewed at each attempt), which keeps new readers out. Writers drop
    /// the entries of ended leases, so the set stays as small as its live members.
    static let write = RedisScript(name: "rwlock-write", source: HolderSetScripts.prelude + """
        local now = server_ms()
        prune(KEYS[1], now)
        local me, waiting = 'write:' .. ARGV[1], 'wait:' .. ARGV[1]
        local others, mine, latest = live_others(KEYS[1], now, me)
        if not mine then
          local soonest, latest_other = nil, nil
          for _, other in ipairs(others) do
            if other[1] ~= waiting then
              latest_other = later(latest_other, other[2])
              if has_prefix(other[1], 'write:') or has_prefix(other[1], 'read:') then soonest = sooner(soonest, other[2]) end
            end
          end
          if soonest then
            local wait_end = now + tonumber(ARGV[3])
            redis.call('ZADD', KEYS[1], wait_end, waiting)
            expire_at(KEYS[1], later(latest_other, wait_end))
            return {0, soonest - now}
          end
          redis.call('ZREM', KEYS[1], waiting)
          latest = latest_other
        end
        local ends = now + tonumber(ARGV[2])
        redis.call('ZADD', KEYS[1], ends, me)
        expire_at(KEYS[1], later(latest, ends))
        return {1, 0}
        """)

    /// KEYS[1] lock; ARGV[1] member, ARGV[2] channel. 1 if the hold was live, 0 if not.
    /// Wakes only who can go now: a waiting writer by name (`next:<token>`) once no reader is
    /// left, else, after a writer, every waiter (`released:all`: all readers may go).
    package static let release = RedisScript(name: "rwlock-release", source: HolderSetScripts.prelude + """
        local others, mine, latest = live_others(KEYS[1], server_ms(), ARGV[1])
        if redis.call('ZREM', KEYS[1], ARGV[1]) == 0 then return 0 end
        expire_at(KEYS[1], latest)
        local waiting_writer, readers_left = nil, false
        for _, other in ipairs(others) do
          if has_prefix(other[1], 'read:') then readers_left = true
          elseif has_prefix(other[1], 'wait:') and not waiting_writer then waiting_writer = string.sub(other[1], 6) end
        end
        if waiting_writer then
          if not readers_left then redis.call('PUBLISH', ARGV[2], 'next:' .. waiting_writer) end
        elseif has_prefix(ARGV[1], 'write:') then
          redis.call('PUBLISH', ARGV[2], 'released:all')
        end
        if mine then return 1 end
        return 0
        """)
}
