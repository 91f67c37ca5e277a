import RedisClient

/// Persists one saga run: every write is one Lua script that checks the hash's `owner` is
/// still this run's lock token (so a process that lost its lock cannot overwrite the new
/// driver's state), updates the fields, sets the expiry and appends the event, atomically.
struct SagaStore: Sendable {
    let connection: RedisConnection
    let key: String
    /// The saga's event stream; `nil` when events are off. It shares the hash's hash tag,
    /// so the two-key script stays in one cluster slot.
    let eventsKey: String?
    let owner: String
    /// The lock whose token `owner` is, named in the error when another driver took over.
    let lockKey: String
    let retention: Duration
    let eventMaxLength: Int?
    let sagaName: String
    let sagaID: String

    enum Begin {
        case created
        case existing(SagaRecord)
        case missing
    }

    /// Creates the hash with every step pending (if `mayCreate`), or takes over an existing
    /// unfinished one by writing our owner token into it.
    func begin(initialSteps: [String: SagaStepRecord], mayCreate: Bool) async throws(TransactionError) -> Begin {
        var arguments: [any RedisArgument] = [owner, JSONCoding.nowMilliseconds(), mayCreate ? "1" : "0"]
        for (name, record) in initialSteps {
            arguments += [name, try JSONCoding.encode(record)]
        }
        let reply: RESPValue
        do {
            reply = try await connection.run(Self.beginScript, keys: [key], arguments: arguments)
        } catch { throw .redis(error) }
        switch reply {
        case .integer(1): return .created
        case .integer: return .missing
        default:
            guard let record = try SagaRecord(key: key, hgetall: reply) else { return .missing }
            return .existing(record)
        }
    }

    /// Writes `status` (if given) and `steps`, and appends `transition` as an event.
    func write(status: SagaStatus?, steps: [String: SagaStepRecord], transition: SagaTransition, now: Int64) async throws(TransactionError) {
        let data = SagaEventData(saga: sagaName, id: sagaID, step: transition.step,
                                 attempt: transition.step.flatMap { steps[$0]?.attempt }, error: Self.error(of: transition))
        // Unfinished sagas never expire: their state is what a later resume must compensate.
        let expiry = status?.isFinished == true ? retention.wholeMilliseconds : 0
        var arguments: [any RedisArgument] = [owner, now, status?.rawValue ?? "", expiry,
                                              eventsKey == nil ? "" : transition.eventType,
                                              try JSONCoding.encode(data), eventMaxLength ?? 0]
        for (name, record) in steps {
            arguments += [name, try JSONCoding.encode(record)]
        }
        let reply: RESPValue
        do {
            reply = try await connection.run(Self.writeScript, keys: [key] + (eventsKey.map { [$0] } ?? []), arguments: arguments)
        } catch { throw .redis(error) }
        switch reply.int {
        case 1: return
        case -1: throw .notFound(key: key)
        default: throw .lock(.notHeld(key: lockKey))
        }
    }

    private static func error(of transition: SagaTransition) -> String? {
        switch transition {
        case .stepFailed(_, let error), .compensationFailed(_, let error): error
        default: nil
        }
    }

    /// KEYS[1] saga hash. ARGV[1] owner, ARGV[2] now ms, ARGV[3] '1' to create when absent,
    /// ARGV[4..] step field/JSON pairs. 1 created, 0 absent, else HGETALL of the existing hash.
    static let beginScript = RedisScript(name: "saga-begin", source: """
        if redis.call('EXISTS', KEYS[1]) == 1 then
          local status = redis.call('HGET', KEYS[1], 'status')
          if status ~= 'completed' and status ~= 'failed' then
            redis.call('HSET', KEYS[1], 'owner', ARGV[1])
          end
          return redis.call('HGETALL', KEYS[1])
        end
        if ARGV[3] ~= '1' then return 0 end
        redis.call('HSET', KEYS[1], 'status', 'started', 'owner', ARGV[1], 'updatedAt', ARGV[2])
        for i = 4, #ARGV, 2 do redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end
        return 1
        """)

    /// KEYS[1] saga hash, KEYS[2] event stream (optional). ARGV[1] owner, ARGV[2] now ms,
    /// ARGV[3] status ('' keeps it), ARGV[4] expiry ms (0: none), ARGV[5] event type ('' none),
    /// ARGV[6] event data, ARGV[7] stream MAXLEN ~ (0: none), ARGV[8..] step field/JSON pairs.
    /// 1 written, 0 another owner drives the saga now, -1 the hash is gone.
    static let writeScript = RedisScript(name: "saga-write", source: """
        local owner = redis.call('HGET', KEYS[1], 'owner')
        if not owner then return -1 end
        if owner ~= ARGV[1] then return 0 end
        redis.call('HSET', KEYS[1], 'updatedAt', ARGV[2])
        if ARGV[3] ~= '' then redis.call('HSET', KEYS[1], 'status', ARGV[3]) end
        for i = 8, #ARGV, 2 do redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end
        if tonumber(ARGV[4]) > 0 then
          redis.call('PEXPIRE', KEYS[1], ARGV[4])
        else
          redis.call('PERSIST', KEYS[1])
        end
        if KEYS[2] and ARGV[5] ~= '' then
          if tonumber(ARGV[7]) > 0 then
            redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[7], '*', 'type', ARGV[5], 'data', ARGV[6], 'timestamp', ARGV[2])
          else
            redis.call('XADD', KEYS[2], '*', 'type', ARGV[5], 'data', ARGV[6], 'timestamp', ARGV[2])
          end
        end
        return 1
        """)
}
