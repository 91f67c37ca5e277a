/// How an optimistic `WATCH` transaction ended.
public enum WatchedOutcome: Sendable, Equatable {
    /// `decide` chose not to write (the replies of the reads it saw).
    case declined([RESPValue])
    /// The writes ran atomically: the replies of the reads, then of the writes, in order.
    case committed(reads: [RESPValue], writes: [RESPValue])
    /// Someone wrote the watched key between the reads and `EXEC`: nothing ran.
    case conflicted
}

extension RedisConnection {
    /// Check-and-set without Lua: `WATCH key` and `reads` in one round trip, then the commands
    /// `decide` picks from the reads' replies inside `MULTI`/`EXEC` in a second one (`nil`:
    /// write nothing, `UNWATCH`). Runs as one call on this connection, so no other caller's
    /// command can slip between the WATCH and the EXEC.
    public func watched(_ key: any RedisArgument, reads: [RedisCommand],
                        decide: @Sendable ([RESPValue]) -> [RedisCommand]?) throws(RedisError) -> WatchedOutcome {
        let replies = try pipeline([RedisCommand("WATCH", key)] + reads)
        for (reply, command) in zip(replies, [RedisCommand("WATCH", key)] + reads) {
            if let message = reply.errorMessage {
                _ = try? send("UNWATCH")
                throw .server(endpoint: endpoint.description, command: command.name, message: message)
            }
        }
        let values = Array(replies.dropFirst())
        guard let writes = decide(values) else {
            try send("UNWATCH")
            return .declined(values)
        }
        let transaction = try pipeline([RedisCommand("MULTI")] + writes + [RedisCommand("EXEC")])
        guard let exec = transaction.last else { return .conflicted }
        if let message = transaction.lazy.compactMap(\.errorMessage).first {
            throw .server(endpoint: endpoint.description, command: "MULTI/EXEC", message: message)
        }
        guard let results = exec.array else { return .conflicted }
        return .committed(reads: values, writes: results)
    }
}
