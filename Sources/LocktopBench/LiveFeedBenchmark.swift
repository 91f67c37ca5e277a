import Foundation
import LockInspector
import RedisClient
import RedisServerKit

/// P5: ten thousand live locks, a hundred changing per second; the commands per second the
/// inspector's live feed sends in steady state, next to the changes it had to follow.
public struct LiveFeedBenchmark: Sendable {
    public let locks: Int
    public let changesPerSecond: Int
    public let seconds: Int

    public init(locks: Int, changesPerSecond: Int, seconds: Int) {
        self.locks = locks
        self.changesPerSecond = changesPerSecond
        self.seconds = seconds
    }

    public func run() async throws -> String {
        let server = try await RedisServer.start(arguments: ["--notify-keyspace-events", "KA"])
        defer { Task { await server.stop() } }
        let workload = try await RedisConnection.connect(to: server.endpoint)
        var batch: [RedisCommand] = []
        for index in 0..<locks { batch.append(RedisCommand("SET", "lock:{r\(index)}", "1700000000000-bench-1-0badcafe", "PX", 3_600_000)) }
        _ = try await workload.pipeline(batch)

        let feed = LiveFeed(endpoint: server.endpoint)
        feed.start()
        var updates = feed.updates.makeAsyncIterator()
        while let update = await updates.next() {
            if case .snapshot(let snapshot) = update, snapshot.count >= locks { break }
        }
        // Drain updates in the background so the feed never waits on us.
        let drain = Task { while await updates.next() != nil {} }

        let before = try await stats(workload)
        let clock = ContinuousClock()
        let started = clock.now
        var changes = 0
        var next = 0
        let interval = Duration.seconds(1) / changesPerSecond * 2
        while clock.now - started < .seconds(seconds) {
            // One release and one acquisition: two changed keys.
            try await workload.send("DEL", "lock:{r\(next % locks)}")
            try await workload.send("SET", "lock:{r\(next % locks)}", "1700000000000-bench-2-0badcafe", "PX", 3_600_000)
            changes += 2
            next += 7919
            try await clock.sleep(for: interval)
        }
        let elapsed = (clock.now - started).seconds
        let after = try await stats(workload)
        feed.stop()
        drain.cancel()

        let workloadCommands: Set = ["set", "del", "info"]
        var inspector = 0
        var byCommand: [String: Int] = [:]
        for (name, calls) in after {
            let delta = calls - (before[name] ?? 0)
            guard delta > 0, !workloadCommands.contains(name) else { continue }
            inspector += delta
            byCommand[name] = delta
        }
        let perSecond = Double(inspector) / elapsed
        let changeRate = Double(changes) / elapsed
        let rescanBudget = Double(locks * 4 + locks / 500 + 1) / 30
        return """
            P5 live feed: \(locks) locks, \(Int(changeRate)) changed keys/s for \(String(format: "%.0f", elapsed)) s (notifications on)
              inspector commands/s: \(String(format: "%.1f", perSecond)) = \(String(format: "%.2f", perSecond / changeRate)) per changed key
              (goal: <= 2 per changed key plus the rescan budget of about \(String(format: "%.0f", rescanBudget))/s for a 30 s full rescan)
              by command: \(byCommand.sorted { $0.value > $1.value }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
            """
    }

    private func stats(_ connection: RedisConnection) async throws -> [String: Int] {
        let info = try await connection.send("INFO", "commandstats").string ?? ""
        var result: [String: Int] = [:]
        for line in info.split(whereSeparator: \.isNewline) where line.hasPrefix("cmdstat_") {
            guard let colon = line.firstIndex(of: ":"),
                  let calls = line[line.index(after: colon)...].split(separator: ",").first?.split(separator: "=").last.flatMap({ Int($0) })
            else { continue }
            result[String(line.dropFirst(8)[..<colon])] = calls
        }
        return result
    }
}
