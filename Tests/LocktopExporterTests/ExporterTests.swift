import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import LockInspector
import LockKit
import LocktopExporter
import NIOPosix
import RedisClient
import Testing
import TestSupport

/// The exporter against a real redis-server, scraped over real HTTP.
@Suite struct ExporterTests {
    /// Two LockKit locks (one without TTL), a queue of two, a saga compensating.
    private func seed(_ redis: RedisConnection) async throws {
        let now = Date()
        try await redis.send("SET", "lock:{coupon:1}", OwnerToken.generate(host: "web-1", pid: 1, now: now).value, "PX", 60_000)
        try await redis.send("SET", "lock:{invoice:7}", OwnerToken.generate(host: "batch-7", pid: 9, now: now.addingTimeInterval(-3600)).value)
        try await redis.send("ZADD", "lock:queue:{coupon:1}", "10000000000001", "a", "10000000000002", "b")
        try await redis.send("HSET", "saga:order:{1}", "status", "compensating", "updatedAt", Int64(now.timeIntervalSince1970 * 1000) - 600_000)
    }

    @Test(arguments: ServerSetup.bothKinds)
    func metricsMatchTheKeyspaceOverHTTP(on setup: ServerSetup) async throws {
        let server = try await setup.start()
        let redis = try await server.connect()
        try await seed(redis)
        let exporter = LockExporter(endpoint: server.endpoint)
        await exporter.scanOnce(on: redis)
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let http = try await MetricsServer.start(host: "127.0.0.1", port: 0, group: group) { exporter.metrics() }
        let (status, body) = try await Self.get("http://127.0.0.1:\(http.port)/metrics")
        #expect(status == 200)
        let samples = try PrometheusText.samples(body)
        #expect(samples["locktop_redis_up"] == 1)
        let info = try #require(samples.first { $0.key.hasPrefix("locktop_server_info{") }, "no locktop_server_info in \(body)")
        #expect(info.value == 1)
        #expect(info.key.contains(#"flavor="\#(setup.kind)""#))
        #expect(info.key.contains(setup.kind == .valkey ? #"version="8.1."# : #"version="7."#))
        #expect(samples[#"locktop_locks{family="locktop"}"#] == 2)
        #expect(samples[#"locktop_locks{family="redisson"}"#] == 0)
        #expect(samples["locktop_locks_without_ttl"] == 1)
        // Neither owner (web-1 pid 1, batch-7 pid 9) has a connection open: both are gone.
        #expect(samples["locktop_locks_owner_gone"] == 2)
        #expect(samples[#"locktop_anomalies{kind="owner-gone",severity="critical"}"#] == 1)
        #expect(samples["locktop_queue_waiters"] == 2)
        #expect(samples["locktop_queue_length_max"] == 2)
        #expect(samples[#"locktop_sagas{status="compensating"}"#] == 1)
        #expect(samples["locktop_sagas_stuck"] == 1)
        #expect((samples["locktop_oldest_lock_age_seconds"] ?? 0) >= 3600)
        #expect(samples[#"locktop_anomalies{kind="no-ttl",severity="critical"}"#] == 1)
        #expect(samples.keys.allSatisfy { !$0.contains("key=") }, "no per-key series unless asked")
        #expect(try await Self.get("http://127.0.0.1:\(http.port)/healthz") == (200, "ok\n"))
        #expect(try await Self.get("http://127.0.0.1:\(http.port)/nope").0 == 404)
        await http.stop()
        try await group.shutdownGracefully()
        await server.stop()
    }

    /// Permits held and in force per family, from a LockKit semaphore's real keys.
    @Test func semaphorePermitsAreCountedPerFamily() async throws {
        let server = try await RedisServer.start()
        let hub = try ReleaseNotifications(endpoint: server.endpoint)
        let semaphore = Semaphore(connection: try await server.connect(), notifications: hub, permits: 5)
        let held = [try await semaphore.tryAcquire("pool", ttl: .seconds(30)), try await semaphore.tryAcquire("pool", ttl: .seconds(30))]
        #expect(held.allSatisfy { $0 != nil })
        let exporter = LockExporter(endpoint: server.endpoint)
        await exporter.scanOnce(on: try await server.connect())
        let samples = try PrometheusText.samples(exporter.metrics())
        #expect(samples[#"locktop_semaphore_permits_used{family="locktop"}"#] == 2)
        #expect(samples[#"locktop_semaphore_permits_total{family="locktop"}"#] == 5)
        #expect(samples[#"locktop_semaphore_permits_used{family="redisson"}"#] == 0)
        hub.stop()
        await server.stop()
    }

    @Test func perKeySeriesAreCapped() async throws {
        let server = try await RedisServer.start()
        let redis = try await server.connect()
        try await seed(redis)
        // Sooner to expire than coupon:1 (60 s), and still there after a stall of this machine.
        try await redis.send("SET", "lock:{coupon:2}", OwnerToken.generate(host: "web-2", pid: 2, now: Date()).value, "PX", 30_000)
        let exporter = LockExporter(endpoint: server.endpoint, perKey: 1)
        await exporter.scanOnce(on: redis)
        let samples = try PrometheusText.samples(exporter.metrics())
        let ttls = samples.filter { $0.key.hasPrefix("locktop_lock_ttl_seconds") }
        #expect(ttls.count == 1)
        #expect(ttls.keys.first == #"locktop_lock_ttl_seconds{key="lock:{coupon:2}"}"#, "the lock closest to expiring")
        #expect(samples[#"locktop_queue_length{queue="lock:queue:{coupon:1}"}"#] == 2)
        await server.stop()
    }

    @Test func aStoppedRedisIsReportedDownAndTheLastReadingKept() async throws {
        let server = try await RedisServer.start()
        let redis = try await server.connect()
        try await seed(redis)
        let exporter = LockExporter(endpoint: server.endpoint)
        await exporter.scanOnce(on: redis)
        await server.kill()
        await exporter.scanOnce(on: redis)
        let samples = try PrometheusText.samples(exporter.metrics())
        #expect(samples["locktop_redis_up"] == 0)
        #expect(samples[#"locktop_locks{family="locktop"}"#] == 2)
    }

    @Test func everySeriesHasHelpAndTypeAndAValidName() throws {
        var reading = ExporterReading()
        reading.reachable = true
        let text = LockMetrics.text(reading, now: Date())
        let lines = text.split(separator: "\n").map(String.init)
        let names = Set(lines.filter { !$0.hasPrefix("#") }.compactMap { $0.split(separator: " ").first.map { String($0.prefix { $0 != "{" }) } })
        #expect(!names.isEmpty)
        for name in names {
            #expect(name.wholeMatch(of: /[a-zA-Z_:][a-zA-Z0-9_:]*/) != nil, "\(name)")
            #expect(lines.contains { $0.hasPrefix("# HELP \(name) ") }, "no HELP for \(name)")
            #expect(lines.contains("# TYPE \(name) gauge"), "no TYPE for \(name)")
        }
        _ = try PrometheusText.samples(text)
    }

    /// GET `url` with Foundation's HTTP client; the status and body.
    static func get(_ url: String) async throws -> (Int, String) {
        guard let address = URL(string: url) else { throw PrometheusText.Failure(description: "bad URL \(url)") }
        let (data, response) = try await URLSession.shared.data(from: address)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
    }
}

/// Reads the Prometheus text format (samples only), failing on any line it cannot read.
enum PrometheusText {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// `name{labels}` -> value.
    static func samples(_ text: String) throws -> [String: Double] {
        var samples: [String: Double] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            guard let match = line.wholeMatch(of: /([a-zA-Z_:][a-zA-Z0-9_:]*(?:\{(?:[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\]|\\.)*",?)*\})?) (\S+)/),
                  let value = Double(match.2) else {
                throw Failure(description: "not a sample line: \(line)")
            }
            samples[String(match.1)] = value
        }
        return samples
    }
}

/// The exporter pointed at a cluster scans every master and counts them.
@Suite struct ClusterExporterTests {
    @Test func locksOnEveryMasterAreCountedAndADeadMasterIsCountedDown() async throws {
        let cluster = try await RedisCluster.start()
        defer { Task { await cluster.stop() } }
        let endpoint = try cluster.endpoint
        let connection = try await RedisConnection.connect(to: endpoint)
        for index in cluster.nodes.indices {
            let key = cluster.key(onNode: index) { "lock:{item:\($0)}" }
            try await connection.send("SET", key, OwnerToken.generate(host: "web-\(index)", pid: 1, now: Date()).value)
        }
        let exporter = LockExporter(endpoint: endpoint)
        await exporter.scanOnce(on: connection)
        var samples = try PrometheusText.samples(exporter.metrics())
        #expect(samples[#"locktop_locks{family="locktop"}"#] == 3)
        #expect(samples["locktop_locks_without_ttl"] == 3)
        #expect(samples[#"locktop_cluster_masters{state="up"}"#] == 3)
        #expect(samples[#"locktop_cluster_masters{state="down"}"#] == 0)

        await cluster.nodes[1].kill()
        await exporter.scanOnce(on: connection)
        samples = try PrometheusText.samples(exporter.metrics())
        #expect(samples[#"locktop_cluster_masters{state="down"}"#] == 1)
        #expect(samples[#"locktop_locks{family="locktop"}"#] == 2)
        #expect(samples["locktop_redis_up"] == 1)
    }
}
