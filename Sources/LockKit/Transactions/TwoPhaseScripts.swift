import RedisClient

/// The coordinator's Lua scripts on the record `tx:{id}` (and its prepare markers, which share
/// its hash tag). Every state change is a compare-and-set, so two coordinators can never
/// record different decisions for one transaction.
enum TwoPhaseScripts {
    /// KEYS[1] record; ARGV[1] participants JSON, ARGV[2] timeout ms, ARGV[3] coordinator.
    /// {1, deadline} when created, {0, current state} when the id is taken.
    static let begin = RedisScript(name: "2pc-begin", source: """
        if redis.call('EXISTS', KEYS[1]) == 1 then
          return {0, redis.call('HGET', KEYS[1], 'state') or ''}
        end
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        local deadline = string.format('%.0f', now + tonumber(ARGV[2]))
        local stamp = string.format('%.0f', now)
        redis.call('HSET', KEYS[1], 'state', 'preparing', 'participants', ARGV[1], 'deadline', deadline,
                   'createdAt', stamp, 'updatedAt', stamp, 'coordinator', ARGV[3])
        return {1, deadline}
        """)

    /// KEYS[1] record, KEYS[2..] prepare markers; ARGV[1] new state, ARGV[2] allowed current
    /// states (space-separated), ARGV[3] reason ('' none), ARGV[4] now in ms for the deadline
    /// rule ('' = server clock), ARGV[5] deadline rule ('' none, 'before' = only while the
    /// deadline has not passed, 'after' = only once it has), ARGV[6] retention ms of the
    /// record and markers ('0' = no expiry).
    /// {1, new state} when changed; {0, current state ('' if missing), 'deadline' if the rule refused}.
    static let transition = RedisScript(name: "2pc-transition", source: """
        local state = redis.call('HGET', KEYS[1], 'state')
        if not state then return {0, ''} end
        local allowed = false
        for candidate in string.gmatch(ARGV[2], '%S+') do
          if candidate == state then allowed = true end
        end
        if not allowed then return {0, state} end
        local t = redis.call('TIME')
        local serverNow = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        local now = tonumber(ARGV[4]) or serverNow
        local deadline = tonumber(redis.call('HGET', KEYS[1], 'deadline') or '0') or 0
        if ARGV[5] == 'before' and now > deadline then return {0, state, 'deadline'} end
        if ARGV[5] == 'after' and now <= deadline then return {0, state, 'deadline'} end
        redis.call('HSET', KEYS[1], 'state', ARGV[1], 'updatedAt', string.format('%.0f', serverNow))
        if ARGV[3] ~= '' then redis.call('HSET', KEYS[1], 'reason', ARGV[3]) end
        local retention = tonumber(ARGV[6]) or 0
        if retention > 0 then
          for i = 1, #KEYS do redis.call('PEXPIRE', KEYS[i], retention) end
        end
        return {1, ARGV[1]}
        """)
}

/// What a compare-and-set on the state did.
enum TwoPhaseTransition: Sendable, Equatable {
    case changed
    /// The state was not one of the allowed ones; nil when the record is gone.
    case refused(current: TwoPhaseState?)
    /// The deadline rule refused it (the state was allowed).
    case deadlineRule(current: TwoPhaseState)
}
