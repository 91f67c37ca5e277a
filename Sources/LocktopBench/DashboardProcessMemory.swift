import Foundation
import RedisClient
import RedisServerKit
import ServerProcessKit

/// P6, the real process: the `locktop` binary's resident memory while its dashboard tracks
/// `locks` lock keys in a private redis-server. The dashboard runs in a detached tmux pane
/// (a real terminal for curses); the benchmark waits until the first full scan is on screen.
public struct DashboardProcessMemory: Sendable {
    public let locks: Int
    /// The `locktop` executable to measure.
    public let executable: String
    /// Keyspace notifications on (the feed follows changes) or off (it polls every second).
    public let notifications: Bool

    /// A run of `executable` over `locks` locks.
    public init(locks: Int, executable: String, notifications: Bool) {
        self.locks = locks
        self.executable = executable
        self.notifications = notifications
    }

    /// Starts the server and the dashboard, measures, and stops both; returns the report line.
    public func run() async throws -> String {
        let server = try await RedisServer.start(arguments: notifications ? ["--notify-keyspace-events", "KA"] : [])
        do {
            let report = try await measure(on: server)
            await server.stop()
            return report
        } catch {
            await server.stop()
            throw error
        }
    }

    private func measure(on server: RedisServer) async throws -> String {
        try await writeLocks(to: server.endpoint)
        guard case .tcp(let host, let port) = server.endpoint.address else { throw BenchmarkError("the private server has no TCP port") }
        let pane = try TmuxPane(command: [executable, "-h", host, "-p", String(port)], width: 200, height: 50)
        defer { pane.kill() }
        guard let pid = pane.pid else { throw BenchmarkError("tmux did not say which process runs the dashboard") }
        let clock = ContinuousClock()
        let started = clock.now
        // The first full scan is on screen when the first key (they sort by name) shows and no scan runs.
        let firstKey = Self.key(0)
        try await pane.waitForScreen(timeout: .seconds(180), "all \(locks) locks scanned") { screen in
            screen.contains(firstKey) && !screen.contains(" scan ")
        }
        let scanned = clock.now - started
        let afterScan = ProcessMemory.status(of: pid)
        // Then five seconds of refreshes (polling) or quiet (notifications), sampled: memory
        // must neither creep nor swing far while the feed re-reads.
        var samples: [ProcessMemory.Status] = []
        for _ in 0..<20 {
            try await Task.sleep(for: .milliseconds(250))
            samples.append(ProcessMemory.status(of: pid))
        }
        let resident = samples.compactMap(\.resident).sorted()
        let last = samples.last ?? afterScan
        let mode = notifications ? "notifications" : "polling"
        let megabytes = DashboardRenderBenchmark.megabytes
        return """
            P6 real process: locktop dashboard (200x50 tmux pane, \(mode)) tracking \(locks) locks
              on screen after \(String(format: "%.1f", scanned.seconds)) s; VmRSS then \(megabytes(afterScan.resident)) MB; \
            over the next 5 s min \(megabytes(resident.first)) MB, max \(megabytes(resident.last)) MB (goal <= 64 MB); \
            peak (VmHWM) \(megabytes(last.peak)) MB
              at the end: own memory (RssAnon) \(megabytes(last.anonymous)) MB, \
            mapped binary and libraries (RssFile) \(megabytes(last.files)) MB
            """
    }

    /// `lock:{p6:000042}`: LockKit's layout, numbered so that the first key sorts first.
    static func key(_ index: Int) -> String {
        "lock:{p6:" + String(repeating: "0", count: max(0, 6 - String(index).count)) + String(index) + "}"
    }

    private func writeLocks(to endpoint: RedisEndpoint) async throws {
        let redis = try await RedisConnection.connect(to: endpoint)
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        var index = 0
        while index < locks {
            let batch = index..<min(locks, index + 10_000)
            _ = try await redis.pipeline(batch.map { number in
                // LockKit's token shape: `<unix-ms>-<host>-<pid>-<8 hex>`.
                let token = "\(now - Int64(number % 600) * 1000)-worker-\(number % 97)-\(1000 + number % 5000)-" + String(format: "%08x", number)
                return RedisCommand("SET", Self.key(number), token, "PX", 3_600_000 + (number * 7919) % 600_000)
            })
            index = batch.upperBound
        }
        await redis.close()
    }
}

/// A detached tmux session on a private tmux server running one command; `kill()` ends both.
struct TmuxPane: Sendable {
    private let tmux: String
    private let socketName: String
    /// The private server's socket file: kill-server leaves it behind, so `kill()` removes it.
    private let socketPath: String?

    /// Starts `command` in a `width` x `height` pane.
    init(command: [String], width: Int, height: Int) throws {
        tmux = try Self.path(of: "tmux")
        socketName = "locktop-bench-\(UUID().uuidString.prefix(8))"
        let start = ["-f", "/dev/null", "new-session", "-d", "-s", "bench", "-x", String(width), "-y", String(height)] + command
        _ = try Self.run(tmux, socketName, start)
        socketPath = (try? Self.run(tmux, socketName, ["display-message", "-p", "#{socket_path}"]))?
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The process running in the pane.
    var pid: Int32? {
        (try? run(["display-message", "-p", "-t", "bench", "#{pane_pid}"])).flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    }

    /// Polls the pane until `condition` holds for its text; the screen is the event, so polling is the synchronisation.
    func waitForScreen(timeout: Duration, _ what: String, until condition: (String) -> Bool) async throws {
        let deadline = ContinuousClock.now + timeout
        var screen = ""
        while ContinuousClock.now < deadline {
            screen = try run(["capture-pane", "-p", "-t", "bench"])
            if condition(screen) { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw BenchmarkError("the dashboard never showed \(what) within \(timeout); last screen:\n\(screen)")
    }

    /// Ends the private tmux server and the dashboard in it.
    func kill() {
        _ = try? run(["kill-server"])
        if let socketPath, !socketPath.isEmpty { try? FileManager.default.removeItem(atPath: socketPath) }
    }

    @discardableResult
    private func run(_ arguments: [String]) throws -> String {
        try Self.run(tmux, socketName, arguments)
    }

    /// Runs tmux to completion (blocking: a benchmark has nothing else to run meanwhile).
    private static func run(_ tmux: String, _ socketName: String, _ arguments: [String]) throws -> String {
        // ChildProcess, not Foundation's Process: the pane must not inherit blocked signals.
        let child = try ChildProcess.spawn(tmux, ["-L", socketName] + arguments)
        close(child.stdinWriter)
        var output = ""
        child.readOutput { output += $0 }
        close(child.errorReader)
        let status = child.waitForExit()
        guard status == 0 else { throw BenchmarkError("tmux \(arguments.prefix(2).joined(separator: " ")) failed with status \(status)") }
        return output
    }

    private static func path(of name: String) throws -> String {
        let directories = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init)
        for directory in directories + ["/usr/bin", "/usr/local/bin"] where FileManager.default.isExecutableFile(atPath: "\(directory)/\(name)") {
            return "\(directory)/\(name)"
        }
        throw BenchmarkError("\(name) is not installed")
    }
}
