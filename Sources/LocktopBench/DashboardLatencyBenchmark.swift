import Foundation
import RedisClient
import RedisServerKit
import Synchronization

/// The dashboard's runtime without a terminal (live feed, update, render), built by the caller:
/// this target does not depend on the app.
public protocol HeadlessDashboard: Sendable {
    /// Runs until `stop()`, handing every frame drawn, as lines of text, to `onFrame` on the UI thread.
    func run(onFrame: @escaping @Sendable ([String]) -> Void) async throws
    /// Ends `run`.
    func stop()
}

/// P2: release -> visible. 200 locks on screen; each is deleted (DEL) and the time until the
/// first frame drawn without it is measured, with keyspace notifications and with polling.
public struct DashboardLatencyBenchmark: Sendable {
    public let releases: Int
    public let refresh: Duration

    /// `releases` locks released one by one; polling re-reads every `refresh`.
    public init(releases: Int, refresh: Duration) {
        self.releases = releases
        self.refresh = refresh
    }

    /// Measures both modes; `makeDashboard(endpoint, refresh)` builds the runtime under test.
    public func run(makeDashboard: @Sendable (RedisEndpoint, Duration) -> any HeadlessDashboard) async throws -> String {
        let notified = try await measure(notifications: true, makeDashboard: makeDashboard)
        let polled = try await measure(notifications: false, makeDashboard: makeDashboard)
        return """
            P2 release -> visible: \(releases) releases, 200x\(releases + 30) headless screen
              notifications: \(notified.summary) (goal p99 <= 50 ms)
              polling every \(String(format: "%.1f", refresh.seconds)) s: \(polled.summary)
            """
    }

    private func measure(notifications: Bool, makeDashboard: @Sendable (RedisEndpoint, Duration) -> any HeadlessDashboard) async throws -> LatencySample {
        let server = try await RedisServer.start(arguments: notifications ? ["--notify-keyspace-events", "KA"] : [])
        do {
            let sample = try await measure(on: server, notifications: notifications, makeDashboard: makeDashboard)
            await server.stop()
            return sample
        } catch {
            await server.stop()
            throw error
        }
    }

    private func measure(on server: RedisServer, notifications: Bool,
                         makeDashboard: @Sendable (RedisEndpoint, Duration) -> any HeadlessDashboard) async throws -> LatencySample {
        let redis = try await RedisConnection.connect(to: server.endpoint)
        let names = (0..<releases).map { String(format: "p2k%05d", $0) }
        let token = "\(Int64(Date().timeIntervalSince1970 * 1000))-bench-1-0badcafe"
        _ = try await redis.pipeline(names.map { RedisCommand("SET", "lock:{\($0)}", token, "PX", 3_600_000) })

        let tracker = VisibilityTracker(names: names)
        let dashboard = makeDashboard(server.endpoint, refresh)
        let running = Task { try await dashboard.run { lines in tracker.observe(lines) } }
        defer { dashboard.stop() }
        try await tracker.waitUntil(timeout: .seconds(30), "every lock on screen") { $0.allSeen }

        let clock = ContinuousClock()
        var deleted: [ContinuousClock.Instant] = []
        for (index, name) in names.enumerated() {
            deleted.append(clock.now)
            try await redis.send("DEL", "lock:{\(name)}")
            if notifications {
                // One release at a time: each measures the notification path alone.
                try await tracker.waitUntil(timeout: .seconds(5), "\(name) gone") { $0.gone[index] != nil }
            } else {
                // Polling takes up to a whole interval per release: overlap them, 20 ms apart.
                try await clock.sleep(for: .milliseconds(20))
            }
        }
        try await tracker.waitUntil(timeout: refresh * 3 + .seconds(10), "every lock gone") { $0.gone.allSatisfy { $0 != nil } }
        dashboard.stop()
        try await running.value
        await redis.close()
        let gone = tracker.goneInstants()
        return LatencySample(zip(deleted, gone).compactMap { deletedAt, goneAt in goneAt.map { $0 - deletedAt } })
    }
}

/// Which of the benchmark's locks the frames show, and when each first disappeared.
final class VisibilityTracker: Sendable {
    struct State {
        var seen: [Bool]
        var gone: [ContinuousClock.Instant?]
        var allSeen: Bool { seen.allSatisfy { $0 } }
    }

    struct Timeout: Error, CustomStringConvertible {
        let description: String
    }

    private let index: [String: Int]
    private let state: Mutex<State>

    init(names: [String]) {
        index = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
        state = Mutex(State(seen: Array(repeating: false, count: names.count), gone: Array(repeating: nil, count: names.count)))
    }

    /// Called on the UI thread right after a frame is drawn.
    func observe(_ lines: [String]) {
        let drawnAt = ContinuousClock.now
        var visible = Array(repeating: false, count: index.count)
        for line in lines {
            var rest = Substring(line)
            while let range = rest.range(of: "p2k") {
                let name = String(rest[range.lowerBound...].prefix(8))
                if let position = index[name] { visible[position] = true }
                rest = rest[range.upperBound...]
            }
        }
        state.withLock { state in
            for position in visible.indices {
                if visible[position] {
                    state.seen[position] = true
                } else if state.seen[position] && state.gone[position] == nil {
                    state.gone[position] = drawnAt
                }
            }
        }
    }

    func goneInstants() -> [ContinuousClock.Instant?] { state.withLock { $0.gone } }

    /// Polls (every millisecond) until `condition` holds; the frames are drawn on another thread.
    func waitUntil(timeout: Duration, _ what: String, _ condition: (State) -> Bool) async throws {
        let deadline = ContinuousClock.now + timeout
        while !state.withLock({ condition($0) }) {
            guard ContinuousClock.now < deadline else { throw Timeout(description: "the dashboard never showed \(what) within \(timeout)") }
            try await Task.sleep(for: .milliseconds(1))
        }
    }
}

/// Release -> visible latencies of one mode.
struct LatencySample {
    let sorted: [Duration]

    init(_ samples: [Duration]) { sorted = samples.sorted() }

    var summary: String {
        guard !sorted.isEmpty else { return "no samples" }
        let ms = { (duration: Duration) in String(format: "%.1f", duration.seconds * 1000) }
        return "p50 \(ms(Percentiles.value(sorted, 0.5))) ms, p99 \(ms(Percentiles.value(sorted, 0.99))) ms, "
            + "max \(ms(sorted.last ?? .zero)) ms over \(sorted.count) releases"
    }
}
