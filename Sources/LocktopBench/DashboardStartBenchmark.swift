import Foundation
import RedisClient
import RedisServerKit
import ServerProcessKit
import Synchronization

/// P8: the dashboard's first screen. On a private redis-server holding `keys` keys of which
/// `locks` are locks: from start to the first frame drawn, to the first lock on screen, and
/// to every lock scanned (no scan bar left); next to it, `locktop list --json` on the same
/// keyspace (the same binary, started as a process). The dashboard follows keyspace notifications.
public struct DashboardStartBenchmark: Sendable {
    public let keys: Int
    public let locks: Int
    /// The `locktop` executable whose `list` is timed.
    public let executable: String

    public init(keys: Int, locks: Int, executable: String) {
        self.keys = keys
        self.locks = max(1, min(locks, keys))
        self.executable = executable
    }

    /// Fills a server, then times `runs` dashboard starts (`makeDashboard`) and `runs` lists.
    public func run(runs: Int, makeDashboard: @Sendable (RedisEndpoint) -> any HeadlessDashboard) async throws -> String {
        // Keyspace notifications on: after its first scan the dashboard follows changes and does
        // not rescan (polling would rescan a million keys every second, the bar never leaving).
        let server = try await RedisServer.start(arguments: ["--enable-debug-command", "yes", "--notify-keyspace-events", "KA"])
        do {
            try await fill(server.endpoint)
            var samples: [(first: Duration, lock: Duration, all: Duration)] = []
            var lists: [Duration] = []
            for _ in 0..<max(1, runs) {
                samples.append(try await startDashboard(makeDashboard(server.endpoint)))
                lists.append(try list(server.endpoint))
            }
            await server.stop()
            let ms = { (values: [Duration]) in values.map { DashboardRenderBenchmark.ms($0) }.joined(separator: ", ") }
            let all = samples.map(\.all), listed = lists
            let ratio = zip(all, listed).map { String(format: "%.2f", $0.seconds / max($1.seconds, 1e-9)) }.joined(separator: ", ")
            return """
                P8 start: \(keys) keys (\(locks) locks), headless 200x50 dashboard, \(samples.count) run(s)
                  start -> first frame: \(ms(samples.map(\.first))) ms (goal <= 100 ms)
                  start -> first lock on screen: \(ms(samples.map(\.lock))) ms
                  start -> every lock scanned (no scan bar): \(ms(all)) ms
                  locktop list --json, same keyspace: \(ms(listed)) ms; dashboard / list: \(ratio)
                """
        } catch {
            await server.stop()
            throw error
        }
    }

    private func fill(_ endpoint: RedisEndpoint) async throws {
        let redis = try await RedisConnection.connect(to: endpoint)
        // Filler keys the scan walks past (`filler:N`), fast; then the locks, LockKit's layout.
        if keys > locks { _ = try await redis.send("DEBUG", "POPULATE", String(keys - locks), "filler") }
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        var index = 0
        while index < locks {
            let batch = index..<min(locks, index + 10_000)
            _ = try await redis.pipeline(batch.map { number in
                RedisCommand("SET", DashboardProcessMemory.key(number), "\(now)-worker-\(number % 97)-\(1000 + number % 5000)-0badc0de",
                             "PX", 3_600_000)
            })
            index = batch.upperBound
        }
        await redis.close()
    }

    private func startDashboard(_ dashboard: any HeadlessDashboard) async throws -> (first: Duration, lock: Duration, all: Duration) {
        let marks = StartMarks(firstKey: DashboardProcessMemory.key(0), anyLock: "lock:{p6:")
        let started = ContinuousClock.now
        let running = Task { try await dashboard.run { lines in marks.observe(lines, since: started) } }
        defer { dashboard.stop() }
        let deadline = ContinuousClock.now + .seconds(300)
        while marks.all == nil {
            guard ContinuousClock.now < deadline else { throw BenchmarkError("the dashboard never finished its first scan") }
            try await Task.sleep(for: .milliseconds(20))
        }
        dashboard.stop()
        try await running.value
        return (marks.first ?? .zero, marks.lock ?? .zero, marks.all ?? .zero)
    }

    private func list(_ endpoint: RedisEndpoint) throws -> Duration {
        guard case .tcp(let host, let port) = endpoint.address else { throw BenchmarkError("the private server has no TCP port") }
        let started = ContinuousClock.now
        let child = try ChildProcess.spawn(executable, ["list", "--json", "-h", host, "-p", String(port)])
        close(child.stdinWriter)
        child.readOutput { _ in }
        close(child.errorReader)
        let status = child.waitForExit()
        guard status == 0 else { throw BenchmarkError("locktop list exited with \(status)") }
        return ContinuousClock.now - started
    }
}

/// When the frames first showed anything, a lock, and every lock scanned.
private final class StartMarks: Sendable {
    private struct Marks {
        var first: Duration?
        var lock: Duration?
        var all: Duration?
    }

    private let firstKey: String
    private let anyLock: String
    private let marks = Mutex(Marks())

    /// `firstKey` is on the first screen once every lock is in; `anyLock` is part of every lock's key.
    init(firstKey: String, anyLock: String) {
        self.firstKey = firstKey
        self.anyLock = anyLock
    }

    var first: Duration? { marks.withLock { $0.first } }
    var lock: Duration? { marks.withLock { $0.lock } }
    var all: Duration? { marks.withLock { $0.all } }

    func observe(_ lines: [String], since started: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - started
        let shown = lines.contains { $0.contains(firstKey) }
        let anyShown = shown || lines.contains { $0.contains(anyLock) }
        let scanning = lines.last?.contains(" scan ") ?? false
        marks.withLock { marks in
            if marks.first == nil { marks.first = elapsed }
            if marks.lock == nil, anyShown { marks.lock = elapsed }
            if marks.all == nil, shown, !scanning, marks.first != nil { marks.all = elapsed }
        }
    }
}
