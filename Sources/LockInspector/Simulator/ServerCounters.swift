import Foundation
import RedisClient

/// A server's running totals of executed commands (INFO commandstats) and CPU time (INFO cpu),
/// read twice to tell what happened in between.
public struct ServerCounters: Sendable, Hashable {
    /// Calls of every command since the server started (or CONFIG RESETSTAT).
    public var commands: Int
    /// `used_cpu_user + used_cpu_sys`, seconds.
    public var cpuSeconds: Double

    /// Commands one `read` adds to the server's count (it shows up in the next read, not its own).
    public static let commandsPerRead = 2

    public init(commands: Int, cpuSeconds: Double) {
        self.commands = commands
        self.cpuSeconds = cpuSeconds
    }

    /// Reads both sections in one round trip (two INFO commands: multi-section INFO is Redis 7 only).
    public static func read(_ connection: RedisConnection) async throws(RedisError) -> ServerCounters {
        let replies = try await connection.pipeline([RedisCommand("INFO", "commandstats"), RedisCommand("INFO", "cpu")])
        guard replies.count == 2, let commandstats = replies[0].string, let cpu = replies[1].string else {
            throw .protocolViolation(endpoint: connection.endpoint.description, command: "INFO",
                                     reason: "expected two bulk strings, got \(replies)")
        }
        return ServerCounters(commands: totalCalls(commandstats), cpuSeconds: cpuSeconds(cpu))
    }

    /// Sum of `calls=` over `cmdstat_<name>:calls=12,usec=...` lines.
    static func totalCalls(_ info: String) -> Int {
        var total = 0
        for line in info.split(whereSeparator: \.isNewline) where line.hasPrefix("cmdstat_") {
            guard let fields = line.split(separator: ":", maxSplits: 1).last,
                  let callsField = fields.split(separator: ",").first(where: { $0.hasPrefix("calls=") }),
                  let calls = Int(callsField.dropFirst("calls=".count)) else { continue }
            total += calls
        }
        return total
    }

    /// `used_cpu_user` + `used_cpu_sys` from INFO cpu.
    static func cpuSeconds(_ info: String) -> Double {
        var total = 0.0
        for line in info.split(whereSeparator: \.isNewline) {
            let parts = line.split(separator: ":", maxSplits: 1)
            guard parts.count == 2, parts[0] == "used_cpu_user" || parts[0] == "used_cpu_sys",
                  let value = Double(parts[1].trimmingCharacters(in: .whitespaces)) else { continue }
            total += value
        }
        return total
    }

    /// What happened between `earlier` and this reading.
    public func since(_ earlier: ServerCounters) -> ServerCounters {
        ServerCounters(commands: commands - earlier.commands, cpuSeconds: cpuSeconds - earlier.cpuSeconds)
    }

    public static func + (left: ServerCounters, right: ServerCounters) -> ServerCounters {
        ServerCounters(commands: left.commands + right.commands, cpuSeconds: left.cpuSeconds + right.cpuSeconds)
    }

    public static let zero = ServerCounters(commands: 0, cpuSeconds: 0)
}
