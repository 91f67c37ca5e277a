import RedisClient

/// One waiter in a priority queue, as `PriorityLock.queuedWaiters` reads it.
public struct QueuedWaiter: Sendable, Hashable {
    public let token: OwnerToken
    /// 1 is served first.
    public let priority: Int
    /// Arrival number within the queue: among equal priorities, lower is served first.
    public let arrival: Int

    /// Decodes a queue score, `priority * 1e13 + arrival`.
    public init(token: OwnerToken, score: Double) {
        let whole = Int(exactly: score.rounded(.down)) ?? 0
        self.token = token
        priority = whole / Self.priorityScale
        arrival = whole % Self.priorityScale
    }

    static let priorityScale = 10_000_000_000_000
}

extension PriorityLock {
    /// The waiters queued now, first in line first.
    public func queuedWaiters(_ resource: String) async throws(LockError) -> [QueuedWaiter] {
        try await QueuedWaiter.read(schema.queue(resource), on: connection)
    }
}

extension QueuedWaiter {
    /// Every waiter of the queue at `key`, first in line first.
    static func read(_ key: String, on connection: RedisConnection) async throws(LockError) -> [QueuedWaiter] {
        let reply: RESPValue
        do {
            reply = try await connection.send("ZRANGE", key, 0, -1, "WITHSCORES")
        } catch { throw .redis(error) }
        let items = reply.array ?? []
        return stride(from: 0, to: items.count - 1, by: 2).compactMap { index in
            guard let member = items[index].string, let score = items[index + 1].string.flatMap(Double.init) else { return nil }
            return QueuedWaiter(token: OwnerToken(value: member), score: score)
        }
    }
}
