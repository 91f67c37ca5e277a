import RedisClient

/// The reply of an attempt script: `{1, fence}` or `{0, holder's PTTL}`.
enum AttemptReply: Sendable, Equatable {
    case acquired(fence: Int)
    case held(pttl: Int)

    init(_ reply: RESPValue, endpoint: String, script: String) throws(LockError) {
        guard let parts = reply.array, parts.count == 2, let flag = parts[0].int, let value = parts[1].int else {
            throw .redis(.protocolViolation(endpoint: endpoint, command: "EVALSHA \(script)", reason: "expected {flag, number}, got \(reply)"))
        }
        self = flag == 1 ? .acquired(fence: value) : .held(pttl: value)
    }

    /// The holder's remaining TTL, when it has one (PTTL -1: no expiry, -2: gone meanwhile).
    var holderTTL: Duration? {
        if case .held(let pttl) = self, pttl >= 0 { return .milliseconds(pttl) }
        return nil
    }
}
