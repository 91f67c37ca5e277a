import RedisClient

/// The reply of an attempt script: `{1, fence}` or `{0, holder's PTTL}`; a queueing script
/// adds the waiter's arrival number to the second: `{0, PTTL, arrival}`.
enum AttemptReply: Sendable, Equatable {
    case acquired(fence: Int)
    case held(pttl: Int, arrival: Int? = nil)

    init(_ reply: RESPValue, endpoint: String, script: String) throws(LockError) {
        guard let parts = reply.array, (2...3).contains(parts.count), let flag = parts[0].int, let value = parts[1].int else {
            throw .redis(.protocolViolation(endpoint: endpoint, command: "EVALSHA \(script)", reason: "expected {flag, number}, got \(reply)"))
        }
        self = flag == 1 ? .acquired(fence: value) : .held(pttl: value, arrival: parts.count == 3 ? parts[2].int : nil)
    }

    /// The holder's remaining TTL, when it has one (PTTL -1: no expiry, -2: gone meanwhile).
    var holderTTL: Duration? {
        if case .held(let pttl, _) = self, pttl >= 0 { return .milliseconds(pttl) }
        return nil
    }

    /// The waiter's place in arrival order, when the script queued it.
    var arrival: Int? {
        if case .held(_, let arrival) = self { return arrival }
        return nil
    }
}
