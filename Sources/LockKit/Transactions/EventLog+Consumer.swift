import RedisClient

/// One consumer of a consumer group on an `EventLog`'s stream: reads events no other
/// consumer of the group got (XREADGROUP), acknowledges them when done (XACK), and claims
/// the events a crashed consumer left pending (XAUTOCLAIM).
///
/// Delivery is at least once: an event handled but not yet acknowledged when its consumer
/// dies is handled again by whoever claims it, so handlers should be idempotent. An
/// acknowledged event is never delivered again.
public struct EventConsumer: Sendable {
    /// The log whose stream is read.
    public let log: EventLog
    /// The consumer group; every event goes to one consumer of the group.
    public let group: String
    /// This consumer's name within the group; a restarted process should reuse it.
    public let name: String

    /// Consumer `name` of `group` on `log`'s stream (create the group with `createGroup`).
    public init(log: EventLog, group: String, name: String) {
        self.log = log
        self.group = group
        self.name = name
    }

    /// Where a new group starts reading.
    public enum GroupStart: Sendable, Hashable {
        /// Every event already in the stream, then new ones.
        case beginning
        /// Only events appended after the group is created.
        case newEventsOnly
    }

    /// Creates the group, and the stream if it is missing. Idempotent: `false` when the group existed.
    @discardableResult
    public func createGroup(startingAt start: GroupStart = .beginning) async throws(TransactionError) -> Bool {
        do {
            try await log.connection.send("XGROUP", "CREATE", log.key, group, start == .beginning ? "0" : "$", "MKSTREAM")
            return true
        } catch {
            if error.serverMessage?.hasPrefix("BUSYGROUP") == true { return false }
            throw .redis(error)
        }
    }

    /// Up to `count` events never delivered to this group, now pending for this consumer
    /// until acknowledged. `block` waits for new events; keep it below the command timeout.
    public func readNew(count: Int = 100, block: Duration? = nil) async throws(TransactionError) -> [EventRecord] {
        var arguments: [any RedisArgument] = ["GROUP", group, name, "COUNT", count]
        if let block {
            guard block < log.connection.options.commandTimeout else {
                throw .invalidArgument("block \(block) must be shorter than the connection's command timeout \(log.connection.options.commandTimeout)")
            }
            arguments += ["BLOCK", block.wholeMilliseconds]
        }
        arguments += ["STREAMS", log.key, ">"]
        return try await read(arguments)
    }

    /// Events delivered to this consumer earlier and not yet acknowledged (what a restarted
    /// consumer with the same name must finish first). Entries trimmed away meanwhile are
    /// acknowledged, since they can never be handled.
    public func readOwnPending(count: Int = 100) async throws(TransactionError) -> [EventRecord] {
        try await read(["GROUP", group, name, "COUNT", count, "STREAMS", log.key, "0"])
    }

    /// Acknowledges handled events; how many were pending.
    @discardableResult
    public func acknowledge(_ ids: [EventID]) async throws(TransactionError) -> Int {
        guard !ids.isEmpty else { return 0 }
        do {
            return try await log.connection.send(RedisCommand("XACK", arguments: [log.key, group] + ids.map(\.description))).int ?? 0
        } catch { throw .redis(error) }
    }

    /// One XAUTOCLAIM: up to `count` events pending longer than `minIdle` for any consumer
    /// become this consumer's, scanning from `cursor`.
    public func claim(minIdle: Duration, count: Int = 100, from cursor: EventID = .zero) async throws(TransactionError) -> ClaimedEvents {
        let reply: RESPValue
        do {
            reply = try await log.connection.send("XAUTOCLAIM", log.key, group, name, minIdle.wholeMilliseconds, cursor.description, "COUNT", count)
        } catch { throw .redis(error) }
        guard let parts = reply.array, parts.count >= 2, let cursorText = parts[0].string, let next = EventID(cursorText) else {
            throw .malformed(key: log.key, reason: "unexpected XAUTOCLAIM reply \(reply)")
        }
        var events: [EventRecord] = []
        var deleted: [EventID] = []
        for entry in try StreamReply.entries(parts[1], key: log.key) {
            switch entry {
            case .record(let record): events.append(record)
            case .deleted(let id): deleted.append(id)
            }
        }
        // Redis 7 lists entries deleted from the stream (and dropped from the PEL) third.
        for item in parts.count > 2 ? parts[2].array ?? [] : [] {
            if let text = item.string, let id = EventID(text) { deleted.append(id) }
        }
        return ClaimedEvents(events: events, next: next == .zero ? nil : next, deleted: deleted)
    }

    /// Claims every event pending longer than `minIdle` (up to `limit`), following the cursor.
    public func claimAbandoned(minIdle: Duration, limit: Int = 1_000) async throws(TransactionError) -> [EventRecord] {
        var claimed: [EventRecord] = []
        var cursor = EventID.zero
        while claimed.count < limit {
            let batch = try await claim(minIdle: minIdle, count: min(100, limit - claimed.count), from: cursor)
            claimed += batch.events
            // Redis 6.2 keeps trimmed entries pending; they can never be handled.
            try await acknowledge(batch.deleted)
            guard let next = batch.next else { break }
            cursor = next
        }
        return claimed
    }

    /// How many events the group has delivered but not had acknowledged, in total and per consumer.
    public func pending() async throws(TransactionError) -> PendingSummary {
        let reply: RESPValue
        do {
            reply = try await log.connection.send("XPENDING", log.key, group)
        } catch { throw .redis(error) }
        guard let parts = reply.array, parts.count == 4, let total = parts[0].int else {
            throw .malformed(key: log.key, reason: "unexpected XPENDING reply \(reply)")
        }
        var byConsumer: [String: Int] = [:]
        for item in parts[3].array ?? [] {
            if let pair = item.array, pair.count == 2, let consumer = pair[0].string, let count = pair[1].int {
                byConsumer[consumer] = count
            }
        }
        return PendingSummary(total: total, byConsumer: byConsumer)
    }

    /// Reads up to `count` new events, hands each to `handle` and acknowledges it right after;
    /// the number handled. A throwing handler stops the batch: that event and the rest stay pending.
    @discardableResult
    public func process(count: Int = 100, block: Duration? = nil,
                        _ handle: (EventRecord) async throws -> Void) async throws(TransactionError) -> Int {
        try await handleAndAcknowledge(try await readNew(count: count, block: block), handle)
    }

    /// Claims the events other consumers left pending longer than `minIdle` and handles them like `process`.
    @discardableResult
    public func processAbandoned(minIdle: Duration, limit: Int = 1_000,
                                 _ handle: (EventRecord) async throws -> Void) async throws(TransactionError) -> Int {
        try await handleAndAcknowledge(try await claimAbandoned(minIdle: minIdle, limit: limit), handle)
    }

    private func handleAndAcknowledge(_ events: [EventRecord], _ handle: (EventRecord) async throws -> Void) async throws(TransactionError) -> Int {
        for event in events {
            do {
                try await handle(event)
            } catch {
                throw .handlerFailed(event: event.id.description, underlying: "\(error)")
            }
            try await acknowledge([event.id])
        }
        return events.count
    }

    private func read(_ arguments: [any RedisArgument]) async throws(TransactionError) -> [EventRecord] {
        let reply: RESPValue
        do {
            reply = try await log.connection.send(RedisCommand("XREADGROUP", arguments: arguments))
        } catch { throw .redis(error) }
        guard !reply.isNull else { return [] }
        guard let streams = reply.array else { throw .malformed(key: log.key, reason: "unexpected XREADGROUP reply \(reply)") }
        var records: [EventRecord] = []
        var deleted: [EventID] = []
        for stream in streams {
            guard let pair = stream.array, pair.count == 2 else { continue }
            for entry in try StreamReply.entries(pair[1], key: log.key) {
                switch entry {
                case .record(let record): records.append(record)
                case .deleted(let id): deleted.append(id)
                }
            }
        }
        try await acknowledge(deleted)
        return records
    }
}

/// What one XAUTOCLAIM took over.
public struct ClaimedEvents: Sendable, Hashable {
    /// The events now pending for the claiming consumer.
    public let events: [EventRecord]
    /// Where the next claim continues; `nil` when the scan is complete.
    public let next: EventID?
    /// Pending ids whose entries were trimmed from the stream (Redis drops them from the PEL).
    public let deleted: [EventID]
}

/// Delivered-but-unacknowledged events of a group.
public struct PendingSummary: Sendable, Hashable {
    /// Pending events in the whole group.
    public let total: Int
    /// Pending events per consumer name.
    public let byConsumer: [String: Int]

    /// A summary with these counts.
    public init(total: Int, byConsumer: [String: Int]) {
        self.total = total
        self.byConsumer = byConsumer
    }
}
