import RedisClient

/// Total commands a server has executed, from `INFO commandstats` (for commands per acquisition).
enum CommandStats {
    static func totalCalls(_ connection: RedisConnection) async throws -> Int {
        let info = try await connection.send("INFO", "commandstats").string ?? ""
        var total = 0
        for line in info.split(whereSeparator: \.isNewline) where line.hasPrefix("cmdstat_") {
            // cmdstat_set:calls=12,usec=...
            guard let callsField = line.split(separator: ":").last?.split(separator: ",").first,
                  callsField.hasPrefix("calls="), let calls = Int(callsField.dropFirst(6)) else { continue }
            total += calls
        }
        return total
    }
}
