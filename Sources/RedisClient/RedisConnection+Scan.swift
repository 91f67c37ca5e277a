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
    /// - Parameters:
    ///   - match: a glob the server filters by (`SCAN MATCH`), or `nil` for every key.
    ///   - schedule: chooses each call's COUNT from the previous call's round trip.
    /// - Returns: `false` when the calling task was cancelled and the pass stopped early.
    @discardableResult
    public func scanPass(
        match: String? = nil,
        schedule: some ScanCountSchedule,
        where keep: @escaping @Sendable (UnsafeRawBufferPointer) -> Bool,
        page: @Sendable (ScanPage) -> Void
    ) throws(RedisError) -> Bool {
        var schedule = schedule
        let end = try withContext("SCAN") { context throws(HiredisFailure) in
            try context.scanPass(
                command: { cursor, count in
                    var arguments: [any RedisArgument] = [cursor]
                    if let match { arguments += ["MATCH", match] }
                    arguments += ["COUNT", count]
                    return RedisCommand("SCAN", arguments: arguments)
                },
                schedule: &schedule, keep: keep, page: page, shouldStop: { Task.isCancelled })
        }
        switch end {
        case .finished: return true
        case .stopped: return false
        case .refused(let message): throw RedisError.server(endpoint: endpoint.description, command: "SCAN", message: message)
        }
    }
}
