import RedisClient

/// The guide's event sourcing on a Redis Stream: typed events appended with XADD to
/// `events:<aggregate>:{<id>}` (fields `type`, `data` JSON, `timestamp` ms), replayed in
/// order from any id with paged XRANGE, a checkpoint of the last processed id, and consumer
/// groups whose crashed consumers' events are claimed by others (`EventConsumer`).
///
/// Use it for an audit trail of a distributed transaction, or to rebuild an aggregate's state;
/// `Saga` writes its step events here.
public struct EventLog: Sendable {
    public let connection: RedisConnection
    public let schema: KeySchema
    /// The kind of thing the events are about, e.g. `order`.
    public let aggregate: String
    /// Which one of them, e.g. the order id.
    public let id: String
    /// Approximate cap on the stream's length (`MAXLEN ~`); `nil` keeps every event.
    public var maxLength: Int?

    /// The log of `aggregate` `id` (stream `events:<aggregate>:{<id>}`).
    public init(connection: RedisConnection, aggregate: String, id: String, schema: KeySchema = .default, maxLength: Int? = nil) {
        self.connection = connection
        self.schema = schema
        self.aggregate = aggregate
        self.id = id
        self.maxLength = maxLength
    }

    /// The stream's key.
    public var key: String { schema.events(aggregate, id) }
    /// The checkpoint's key.
    public var checkpointKey: String { schema.checkpoint(aggregate, id) }

    /// Appends one event whose data is already encoded; its id.
    @discardableResult
    public func append(type: String, data: [UInt8]) async throws(TransactionError) -> EventID {
        try await append(NewEvent(type: type, data: data))
    }

    /// Appends one event whose data is `payload` as JSON; its id.
    @discardableResult
    public func append<Payload: Encodable & Sendable>(type: String, payload: Payload) async throws(TransactionError) -> EventID {
        try await append(try NewEvent(type: type, payload: payload))
    }

    /// Appends one event; its id.
    @discardableResult
    public func append(_ event: NewEvent) async throws(TransactionError) -> EventID {
        let reply: RESPValue
        do {
            reply = try await connection.send(addCommand(event, timestamp: JSONCoding.nowMilliseconds()))
        } catch { throw .redis(error) }
        return try entryID(reply)
    }

    /// Appends `events` in order in one pipelined round trip; their ids.
    @discardableResult
    public func append(contentsOf events: [NewEvent]) async throws(TransactionError) -> [EventID] {
        let now = JSONCoding.nowMilliseconds()
        let replies: [RESPValue]
        do {
            replies = try await connection.pipeline(events.map { addCommand($0, timestamp: now) })
        } catch { throw .redis(error) }
        var ids: [EventID] = []
        ids.reserveCapacity(replies.count)
        for reply in replies {
            if let message = reply.errorMessage {
                throw .redis(.server(endpoint: connection.endpoint.description, command: "XADD", message: message))
            }
            ids.append(try entryID(reply))
        }
        return ids
    }

    /// At most `count` events from `start` on, in order: one XRANGE page.
    public func page(from start: ReplayStart, count: Int) async throws(TransactionError) -> [EventRecord] {
        guard count > 0 else { throw .invalidArgument("page size must be positive, got \(count)") }
        let reply: RESPValue
        do {
            reply = try await connection.send("XRANGE", key, start.rangeStart, "+", "COUNT", count)
        } catch { throw .redis(error) }
        return try StreamReply.records(reply, key: key)
    }

    /// Every event from `start` on, in order, fetched `pageSize` at a time so that a long
    /// stream never comes back as one huge reply.
    public func replay(from start: ReplayStart = .beginning, pageSize: Int = 500) -> EventReplay {
        EventReplay(log: self, start: start, pageSize: pageSize)
    }

    /// How many events the stream holds (XLEN).
    public func count() async throws(TransactionError) -> Int {
        do {
            return try await connection.send("XLEN", key).int ?? 0
        } catch { throw .redis(error) }
    }

    /// The newest event, if any.
    public func last() async throws(TransactionError) -> EventRecord? {
        let reply: RESPValue
        do {
            reply = try await connection.send("XREVRANGE", key, "+", "-", "COUNT", 1)
        } catch { throw .redis(error) }
        return try StreamReply.records(reply, key: key).first
    }

    /// Deletes the stream and its checkpoint (consumer groups go with the stream).
    public func delete() async throws(TransactionError) {
        do {
            try await connection.send("DEL", key, checkpointKey)
        } catch { throw .redis(error) }
    }

    private func addCommand(_ event: NewEvent, timestamp: Int64) -> RedisCommand {
        var arguments: [any RedisArgument] = [key]
        if let maxLength {
            arguments += ["MAXLEN", "~", maxLength]
        }
        arguments += ["*", "type", event.type, "data", event.data, "timestamp", timestamp]
        return RedisCommand("XADD", arguments: arguments)
    }

    private func entryID(_ reply: RESPValue) throws(TransactionError) -> EventID {
        guard let text = reply.string, let id = EventID(text) else {
            throw .malformed(key: key, reason: "XADD answered \(reply) instead of an entry id")
        }
        return id
    }
}
