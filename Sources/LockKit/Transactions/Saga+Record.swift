import RedisClient

/// A saga's overall state, the hash field `status`.
public enum SagaStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case started, running, compensating, completed, failed

    /// Completed or failed: nothing left to do.
    public var isFinished: Bool { self == .completed || self == .failed }
}

/// One step's state, inside its JSON hash field.
public enum SagaStepState: String, Sendable, Hashable, Codable {
    /// Not started: never compensated.
    case pending
    /// Recorded before the action runs; found after a crash it means "outcome unknown".
    case running
    case done
    /// The action threw.
    case failed
    /// Recorded before the compensation runs.
    case compensating
    case compensated
}

/// A step's hash field: `{"attempt":1,"index":0,"state":"done","updatedAt":...}`.
public struct SagaStepRecord: Sendable, Hashable, Codable {
    /// Where the step stands.
    public var state: SagaStepState
    /// How many times the action was started.
    public var attempt: Int
    /// Position in the saga, so readers can order the fields.
    public var index: Int
    /// Why the action failed.
    public var error: String?
    /// Why the last compensation attempt failed.
    public var compensationError: String?
    /// Milliseconds since 1970 of the last change.
    public var updatedAt: Int64

    /// A record with these fields.
    public init(state: SagaStepState, attempt: Int, index: Int, error: String? = nil, compensationError: String? = nil, updatedAt: Int64) {
        self.state = state
        self.attempt = attempt
        self.index = index
        self.error = error
        self.compensationError = compensationError
        self.updatedAt = updatedAt
    }
}

/// A saga's persisted state as read from its hash.
public struct SagaRecord: Sendable, Hashable {
    /// The hash's key.
    public let key: String
    /// The overall state.
    public var status: SagaStatus
    /// The owner token of the process driving (or that last drove) it.
    public var owner: String?
    /// Milliseconds since 1970 of the last write.
    public var updatedAt: Int64?
    /// Each step's record by step name.
    public var steps: [String: SagaStepRecord]

    /// Reserved hash fields; every other field is a step.
    static let reservedFields: Set<String> = ["status", "owner", "updatedAt"]

    /// A record with these fields.
    public init(key: String, status: SagaStatus, owner: String?, updatedAt: Int64?, steps: [String: SagaStepRecord]) {
        self.key = key
        self.status = status
        self.owner = owner
        self.updatedAt = updatedAt
        self.steps = steps
    }

    /// Reads the saga at `key`; `nil` when the hash does not exist.
    public static func load(_ key: String, on connection: RedisConnection) async throws(TransactionError) -> SagaRecord? {
        let reply: RESPValue
        do {
            reply = try await connection.send("HGETALL", key)
        } catch { throw .redis(error) }
        return try SagaRecord(key: key, hgetall: reply)
    }

    /// Parses an HGETALL reply; `nil` for an empty one.
    init?(key: String, hgetall reply: RESPValue) throws(TransactionError) {
        guard let items = reply.array, items.count % 2 == 0 else {
            throw .malformed(key: key, reason: "expected a hash, got \(reply)")
        }
        guard !items.isEmpty else { return nil }
        var status: SagaStatus?
        var owner: String?
        var updatedAt: Int64?
        var steps: [String: SagaStepRecord] = [:]
        for index in stride(from: 0, to: items.count, by: 2) {
            guard let field = items[index].string, let value = items[index + 1].bytes else {
                throw .malformed(key: key, reason: "hash field \(items[index]) is not text")
            }
            switch field {
            case "status":
                let text = String(decoding: value, as: UTF8.self)
                guard let parsed = SagaStatus(rawValue: text) else {
                    throw .malformed(key: key, reason: "status '\(text)' is not one of \(SagaStatus.allCases.map(\.rawValue))")
                }
                status = parsed
            case "owner": owner = String(decoding: value, as: UTF8.self)
            case "updatedAt": updatedAt = Int64(String(decoding: value, as: UTF8.self))
            default: steps[field] = try JSONCoding.decode(SagaStepRecord.self, from: value, key: key)
            }
        }
        guard let status else { throw .malformed(key: key, reason: "the hash has no status field") }
        self.init(key: key, status: status, owner: owner, updatedAt: updatedAt, steps: steps)
    }

    /// Step names in saga order.
    public var orderedStepNames: [String] {
        steps.sorted { $0.value.index < $1.value.index }.map(\.key)
    }

    /// How it ended; `nil` while unfinished.
    public var outcome: SagaOutcome? {
        switch status {
        case .completed:
            return .completed
        case .failed:
            let failed = steps.filter { $0.value.error != nil }.min { $0.value.index < $1.value.index }
            return .failed(step: failed?.key, reason: failed?.value.error ?? "unknown")
        case .started, .running, .compensating:
            return nil
        }
    }
}

/// How a saga ended.
public enum SagaOutcome: Sendable, Hashable {
    /// Every step is done.
    case completed
    /// `step` failed with `reason`; the steps that ran were compensated.
    case failed(step: String?, reason: String)
}
