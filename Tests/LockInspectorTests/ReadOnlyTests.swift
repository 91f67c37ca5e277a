import Foundation
import LockInspector
import LockKit
import RedisClient
import TestSupport
import Testing

@Suite struct ReadOnlyTests {
    /// Commands that change data or server state; none may appear in read-only mode.
    static let writes: Set = ["set", "del", "unlink", "expire", "pexpire", "persist", "eval", "evalsha", "script",
                              "publish", "zrem", "zadd", "hset", "hdel", "xadd", "rpush", "lpush", "flushdb", "flushall"]

    @Test func readOnlySendsNoWriteCommand() async throws {
        let server = try await RedisServer.start()
        let redis = try await server.connect()
        try await redis.send("SET", "lock:{a}", "1700000000000-h-1-0badcafe", "PX", 60_000)
        try await redis.send("ZADD", "lock:queue:{a}", 1, "w")
        guard case .tcp(_, let port) = server.endpoint.address else { return }
        let monitor = try await MonitorProcess(port: port)

        let inspector = try await server.connect()
        let snapshot = try await KeyspaceScanner(connection: inspector).scan()
        #expect(snapshot.count == 2)
        var options = FeedOptions()
        options.readOnly = true
        options.enableNotifications = true
        let feed = LiveFeed(endpoint: server.endpoint, options: options)
        feed.start()
        var updates = feed.updates.makeAsyncIterator()
        #expect(await updates.snapshot { $0.count == 2 } != nil)
        feed.stop()
        let actions = LockActions(connection: inspector, readOnly: true)
        #expect(await actions.forceRelease(key: Array("lock:{a}".utf8), token: Array("1700000000000-h-1-0badcafe".utf8)) == .refusedReadOnly)
        #expect(await actions.extend(key: Array("lock:{a}".utf8), token: [], by: .seconds(1)) == .refusedReadOnly)
        let queue = QueueEntity(key: Array("lock:queue:{a}".utf8), resource: "a", family: .locktop, waiters: [], count: 1)
        #expect(await actions.removeWaiter(queue: queue, member: Array("w".utf8)) == .refusedReadOnly)

        try await redis.send("ECHO", "locktop-test-end")
        let (seen, lines) = await monitor.commands(until: "locktop-test-end")
        #expect(seen.contains("scan"))
        let written = seen.filter { Self.writes.contains($0) }
        #expect(written.isEmpty, "write commands sent in read-only mode: \(written)")
        #expect(!lines.contains { $0.lowercased().contains("\"config\" \"set\"") })
        #expect(try await redis.send("EXISTS", "lock:{a}") == .integer(1))
        await server.stop()
    }

    @Test func readOnlyACLUserDiscoversLocksAndActionsSayNoPermission() async throws {
        let server = try await RedisServer.start()
        let admin = try await server.connect()
        try await admin.send("ACL", "SETUSER", "viewer", "on", ">look", "~*", "&*", "+@read", "+@connection", "+scan",
                             "+type", "+info", "+psubscribe", "+subscribe", "+config|get", "+client|setname")
        try await admin.send("SET", "lock:{a}", "1700000000000-h-1-0badcafe", "PX", 60_000)
        var endpoint = server.endpoint
        endpoint.username = "viewer"
        endpoint.password = "look"
        let viewer = try await RedisConnection.connect(to: endpoint)
        let snapshot = try await KeyspaceScanner(connection: viewer).scan()
        #expect(snapshot.contains("lock:{a}"))
        let outcome = await LockActions(connection: viewer, readOnly: false)
            .forceRelease(key: Array("lock:{a}".utf8), token: Array("1700000000000-h-1-0badcafe".utf8))
        guard case .noPermission = outcome else {
            Issue.record("expected noPermission, got \(outcome)")
            return
        }
        #expect(try await admin.send("EXISTS", "lock:{a}") == .integer(1))
        await server.stop()
    }
}

/// `redis-cli monitor` in a child process: the server's own record of every command it ran.
/// Its output is read on a thread of its own, never blocking the cooperative pool.
final class MonitorProcess: Sendable {
    private let process: Process
    private let lines: AsyncStream<String>

    init(port: Int) async throws {
        let process = Process()
        let output = Pipe()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["redis-cli", "-p", String(port), "monitor"]
        process.standardOutput = output
        try process.run()
        self.process = process
        let (lines, continuation) = AsyncStream.makeStream(of: String.self)
        self.lines = lines
        let reader = output.fileHandleForReading
        Thread {
            var buffer: [UInt8] = []
            while true {
                let data = reader.availableData
                if data.isEmpty { break }
                buffer.append(contentsOf: data)
                while let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                    continuation.yield(String(decoding: buffer[..<newline], as: UTF8.self))
                    buffer.removeSubrange(...newline)
                }
            }
            continuation.finish()
        }.start()
        // redis-cli prints OK once MONITOR is active: only then is nothing missed.
        var iterator = lines.makeAsyncIterator()
        _ = await iterator.next()
    }

    deinit { if process.isRunning { process.terminate() } }

    /// Lower-cased command names seen until a line containing `marker`, and the raw lines.
    func commands(until marker: String) async -> (names: [String], lines: [String]) {
        var names: [String] = []
        var seen: [String] = []
        for await line in lines {
            seen.append(line)
            if line.contains(marker) { break }
            // 1700000000.123456 [0 127.0.0.1:1234] "scan" "0" ...
            if let start = line.firstIndex(of: "\""), let end = line[line.index(after: start)...].firstIndex(of: "\"") {
                names.append(line[line.index(after: start)..<end].lowercased())
            }
        }
        process.terminate()
        return (names, seen)
    }
}
