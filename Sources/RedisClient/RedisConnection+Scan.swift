/// Whole SCAN passes for a client that inspects a keyspace.
extension RedisConnection {
    /// One full SCAN pass (cursor 0 back to 0) run on the connection's thread, with the
    /// keys of every reply filtered straight from the read buffer.
    ///
    /// The next call is sent as soon as the previous reply's cursor has arrived, so the
    /// server keeps working while the keys cross the wire and are filtered; only keys that
    /// `keep` accepts are copied. `page` is called on the connection's thread for every
    /// reply, in order; hand the keys on rather than work on them there.
    ///
    /// With `inHalves` the pass runs as two chains of calls on this one connection, so the
    /// server never waits for this client between calls (see `ScanHalves`): only for a
    /// standalone Redis, whose cursor is a plain reverse-binary bucket index.
    ///
    /// - Parameters:
    ///   - match: a glob the server filters by (`SCAN MATCH`), or `nil` for every key.
    ///   - schedule: chooses each call's COUNT from the previous call's round trip.
    ///   - stopsWhenCancelled: whether a cancelled calling task ends the pass early (after the
    ///     calls in flight are read); a caller that needs every key or nothing says `false`.
    /// - Returns: whether the pass completed (`false` when it stopped early), and how many
    ///   keys were returned twice because the halves overlap; subtract them from the sum of
    ///   the pages' `returned`.
    @discardableResult
    public func scanPass(
        match: String? = nil,
        schedule: some ScanCountSchedule,
        inHalves: Bool = false,
        stopsWhenCancelled: Bool = true,
        where keep: @escaping @Sendable (UnsafeRawBufferPointer) -> Bool,
        page: @Sendable (ScanPage) -> Void
    ) throws(RedisError) -> (completed: Bool, duplicates: Int) {
        var schedule = schedule
        let end = try withContext("SCAN") { context throws(HiredisFailure) in
            try context.scanPass(
                command: { cursor, count in
                    var arguments: [any RedisArgument] = [cursor]
                    if let match { arguments += ["MATCH", match] }
                    arguments += ["COUNT", count]
                    return RedisCommand("SCAN", arguments: arguments)
                },
                schedule: &schedule, split: inHalves, keep: keep, page: page, shouldStop: { stopsWhenCancelled && Task.isCancelled })
        }
        switch end {
        case .finished(let duplicates): return (true, duplicates)
        case .stopped: return (false, 0)
        case .refused(let message): throw RedisError.server(endpoint: endpoint.description, command: "SCAN", message: message)
        }
    }
}
