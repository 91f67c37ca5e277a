import RedisClient

/// The checkpoint: the id of the last event a processor finished, in `checkpoint:<aggregate>:{<id>}`.
extension EventLog {
    /// The last processed event's id, or `nil` when none was saved.
    public func checkpoint() async throws(TransactionError) -> EventID? {
        let reply: RESPValue
        do {
            reply = try await connection.send("GET", checkpointKey)
        } catch { throw .redis(error) }
        guard let text = reply.string else { return nil }
        guard let id = EventID(text) else {
            throw .malformed(key: checkpointKey, reason: "'\(text)' is not a stream entry id (the guide stores 'completed' here; reset it)")
        }
        return id
    }

    /// Records `id` as processed. It only moves forward: a late writer holding an older id
    /// cannot make a later replay re-process events. `false` when the stored one was newer or equal.
    @discardableResult
    public func saveCheckpoint(_ id: EventID) async throws(TransactionError) -> Bool {
        do {
            return try await connection.run(Self.advanceCheckpoint, keys: [checkpointKey],
                                            arguments: [id.description, String(id.milliseconds), String(id.sequence)]).int == 1
        } catch { throw .redis(error) }
    }

    /// Forgets the checkpoint, so the next `replayFromCheckpoint` starts at the beginning.
    public func resetCheckpoint() async throws(TransactionError) {
        do {
            try await connection.send("DEL", checkpointKey)
        } catch { throw .redis(error) }
    }

    /// The events after the checkpoint (all of them when there is none).
    public func replayFromCheckpoint(pageSize: Int = 500) async throws(TransactionError) -> EventReplay {
        let start: ReplayStart = try await checkpoint().map { .after($0) } ?? .beginning
        return replay(from: start, pageSize: pageSize)
    }

    /// Replays from the checkpoint, calling `handle` for each event and saving the checkpoint
    /// after every `checkpointEvery` events and at the end; the number handled. If `handle`
    /// throws, the checkpoint stays at the last event handled before it.
    @discardableResult
    public func process(pageSize: Int = 500, checkpointEvery: Int = 100,
                        _ handle: (EventRecord) async throws -> Void) async throws(TransactionError) -> Int {
        var handled = 0
        var lastHandled: EventID?
        var iterator = try await replayFromCheckpoint(pageSize: pageSize).makeAsyncIterator()
        while let event = try await iterator.next() {
            do {
                try await handle(event)
            } catch {
                if let lastHandled { try await saveCheckpoint(lastHandled) }
                throw .handlerFailed(event: event.id.description, underlying: "\(error)")
            }
            handled += 1
            lastHandled = event.id
            if handled % max(checkpointEvery, 1) == 0 { try await saveCheckpoint(event.id) }
        }
        if let lastHandled { try await saveCheckpoint(lastHandled) }
        return handled
    }

    /// KEYS[1] checkpoint; ARGV[1] id, ARGV[2] its ms, ARGV[3] its sequence. 1 if stored, 0 if the stored id is not older.
    static let advanceCheckpoint = RedisScript(name: "eventlog-checkpoint", source: """
        local current = redis.call('GET', KEYS[1])
        if current then
          local ms, seq = string.match(current, '^(%d+)-(%d+)$')
          if ms then
            ms, seq = tonumber(ms), tonumber(seq)
            local newMs, newSeq = tonumber(ARGV[2]), tonumber(ARGV[3])
            if ms > newMs or (ms == newMs and seq >= newSeq) then return 0 end
          end
        end
        redis.call('SET', KEYS[1], ARGV[1])
        return 1
        """)
}
