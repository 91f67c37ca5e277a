import RedisClient

/// A Redis-backed participant: a change of `delta` to an integer balance (stock, account).
///
/// A withdrawal (negative delta) is reserved in prepare: in one Lua script the amount
/// leaves the balance and enters `<key>:reserved`, so no one can spend it before the
/// decision; commit drops the reservation, abort puts it back. A deposit (positive delta)
/// is only recorded in prepare and applied in commit. Every transaction's state is kept in
/// the ledger hash `<key>:ledger` (field `<txId>:<index>`: `prepared <delta>`, `committed`,
/// `aborted`), which makes each step idempotent and makes an abort that arrives before its
/// prepare refuse that prepare. Give `key` a hash tag (`stock:{widget}`) so its ledger and
/// reservation keys share its cluster slot, as the scripts require.
public struct TwoPhaseReservation: TwoPhaseParticipant {
    /// Descriptor kind of this participant.
    public static let kind = "redis-reservation"

    /// The Redis that holds the balance.
    public let connection: RedisConnection
    /// The integer balance (a string key holding a number).
    public let key: String
    /// Change to the balance: negative withdraws (reserved in prepare), positive deposits.
    public let delta: Int

    /// A change of `delta` to the balance at `key` (give it a hash tag).
    public init(connection: RedisConnection, key: String, delta: Int) {
        self.connection = connection
        self.key = key
        self.delta = delta
    }

    /// Where withdrawals wait for the decision.
    public var reservedKey: String { "\(key):reserved" }
    /// Per-transaction state of this balance.
    public var ledgerKey: String { "\(key):ledger" }

    public var descriptor: TwoPhaseParticipantDescriptor {
        TwoPhaseParticipantDescriptor(kind: Self.kind, parameters: ["key": key, "delta": String(delta)])
    }

    /// Rebuilds reservations from descriptors on `connection` (for `TwoPhaseCommit.recover`).
    public static func resolver(connection: RedisConnection) -> TwoPhaseParticipantResolver {
        { descriptor in
            guard descriptor.kind == kind, let key = descriptor.parameters["key"],
                  let delta = descriptor.parameters["delta"].flatMap({ Int($0) }) else { return nil }
            return TwoPhaseReservation(connection: connection, key: key, delta: delta)
        }
    }

    public func prepare(transaction id: String, participant index: Int) async throws -> TwoPhaseVote {
        let reply = try await run(Self.prepareScript, id, index)
        switch reply.int {
        case 1?: return .yes
        case 0?: return .no(reason: "\(key) already aborted transaction \(id)")
        case .some(-1): return .no(reason: "\(key) holds less than \(-delta)")
        default: throw TransactionError.malformed(key: key, reason: "unexpected reply to prepare: \(reply)")
        }
    }

    public func commit(transaction id: String, participant index: Int) async throws {
        _ = try await run(Self.commitScript, id, index)
    }

    public func abort(transaction id: String, participant index: Int) async throws {
        _ = try await run(Self.abortScript, id, index)
    }

    private func run(_ script: RedisScript, _ id: String, _ index: Int) async throws(TransactionError) -> RESPValue {
        do {
            return try await connection.run(script, keys: [key, reservedKey, ledgerKey], arguments: ["\(id):\(index)", delta])
        } catch {
            if let message = error.serverMessage { throw .invalidState(key: ledgerKey, found: message, expected: "a consistent ledger") }
            throw .redis(error)
        }
    }

    // KEYS[1] balance, KEYS[2] reserved, KEYS[3] ledger; ARGV[1] ledger field, ARGV[2] delta.

    /// 1 prepared (also when it already was), 0 already aborted, -1 balance too low.
    static let prepareScript = RedisScript(name: "2pc-reservation-prepare", source: """
        local entry = redis.call('HGET', KEYS[3], ARGV[1])
        if entry then
          if entry == 'aborted' then return 0 end
          return 1
        end
        local delta = tonumber(ARGV[2])
        if delta < 0 then
          local balance = tonumber(redis.call('GET', KEYS[1]) or '0')
          if not balance then return redis.error_reply('balance is not a number') end
          if balance + delta < 0 then return -1 end
          redis.call('INCRBY', KEYS[1], delta)
          redis.call('INCRBY', KEYS[2], -delta)
        end
        redis.call('HSET', KEYS[3], ARGV[1], 'prepared ' .. ARGV[2])
        return 1
        """)

    static let commitScript = RedisScript(name: "2pc-reservation-commit", source: """
        local entry = redis.call('HGET', KEYS[3], ARGV[1])
        if entry == 'committed' then return 1 end
        if not entry then return redis.error_reply('commit of a transaction this balance never prepared') end
        if entry == 'aborted' then return redis.error_reply('commit of a transaction this balance aborted') end
        local delta = tonumber(string.match(entry, '^prepared (%-?%d+)$'))
        if not delta then return redis.error_reply('unreadable ledger entry ' .. entry) end
        if delta < 0 then redis.call('DECRBY', KEYS[2], -delta) else redis.call('INCRBY', KEYS[1], delta) end
        redis.call('HSET', KEYS[3], ARGV[1], 'committed')
        return 1
        """)

    /// Also for a transaction never prepared here: the `aborted` entry refuses a late prepare.
    static let abortScript = RedisScript(name: "2pc-reservation-abort", source: """
        local entry = redis.call('HGET', KEYS[3], ARGV[1])
        if entry == 'aborted' then return 1 end
        if entry == 'committed' then return redis.error_reply('abort of a transaction this balance committed') end
        if entry then
          local delta = tonumber(string.match(entry, '^prepared (%-?%d+)$'))
          if not delta then return redis.error_reply('unreadable ledger entry ' .. entry) end
          if delta < 0 then
            redis.call('INCRBY', KEYS[1], -delta)
            redis.call('DECRBY', KEYS[2], -delta)
          end
        end
        redis.call('HSET', KEYS[3], ARGV[1], 'aborted')
        return 1
        """)
}
