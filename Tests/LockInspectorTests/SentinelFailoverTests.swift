import Foundation
import LockInspector
import LockKit
import RedisClient
import Testing
import TestSupport

/// One master, one replica, three sentinels on loopback; `SENTINEL FAILOVER` promotes the
/// replica. A connection, a LockKit lock and the dashboard's live feed all given the sentinel
/// endpoint must end up on the new master.
@Suite(.timeLimit(.minutes(2))) struct SentinelFailoverTests {
    static let name = "locktop-master"

    @Test func connectionLockAndFeedFollowAFailoverToTheNewMaster() async throws {
        let master = try await RedisServer.start()
        guard case .tcp(_, let masterPort) = master.endpoint.address else { throw Failure("the master is not on TCP") }
        let replica = try await RedisServer.start(arguments: ["--replicaof", "127.0.0.1", String(masterPort)])
        guard case .tcp(_, let replicaPort) = replica.endpoint.address else { throw Failure("the replica is not on TCP") }
        var sentinels: [RedisSentinel] = []
        for _ in 0..<3 { sentinels.append(try await RedisSentinel.start(monitoring: master.endpoint, as: Self.name)) }
        let endpoint = RedisEndpoint.sentinel(sentinels.map(\.node), master: Self.name)
        let sentinel = try await RedisConnection.connect(to: .tcp("127.0.0.1", port: sentinels[0].node.port))

        let connection = try await RedisConnection.connect(to: endpoint)
        try await connection.send("SET", "before", "1")
        var feedOptions = FeedOptions()
        feedOptions.refreshInterval = .milliseconds(100)
        feedOptions.rescanInterval = .milliseconds(100)
        let feed = LiveFeed(endpoint: endpoint, options: feedOptions)
        feed.start()
        var updates = feed.updates.makeAsyncIterator()
        #expect(await updates.snapshot { _ in true } != nil)

        // A failover needs a replica the sentinels know and that is in sync.
        try await Polling.until("the replica is in sync and known to the sentinel", timeout: .seconds(60)) {
            let info = try await replica.connect().send("INFO", "replication").string ?? ""
            let known = try await sentinel.send("SENTINEL", "REPLICAS", Self.name).array ?? []
            return info.contains("master_link_status:up") && !known.isEmpty
        }
        try await sentinel.send("SENTINEL", "FAILOVER", Self.name)
        try await Polling.until("the sentinels name the replica as master", timeout: .seconds(60)) {
            let address = try await sentinel.send("SENTINEL", "get-master-addr-by-name", Self.name).array ?? []
            return address.last?.int == replicaPort
        }

        // Until the old master is demoted it still takes writes (Sentinel's window of lost writes);
        // after, it refuses them with READONLY, and that sends the connection to the new master.
        // Sentinel reconfigures a server with CLIENT KILL: a poll may lose its connection, and asks again.
        try await Polling.until("the old master is demoted", timeout: .seconds(60)) {
            (try? await master.connect().send("ROLE"))?.array?.first?.string == "slave"
        }
        // A command may fail once (it was in flight, or reached the demoted server); the next ones go to the new master.
        try await Polling.until("a write through the sentinel endpoint succeeds", timeout: .seconds(60)) {
            (try? await connection.send("SET", "after", "2")) != nil
        }
        #expect(try await replica.connect().send("GET", "after") == .bulk(Array("2".utf8)))
        #expect(try await replica.connect().send("ROLE").array?.first?.string == "master")

        let lock = DistributedLock(connection: try await RedisConnection.connect(to: endpoint))
        let lease = try #require(try await lock.tryAcquire("failover", ttl: .seconds(30)))
        #expect(try await replica.connect().send("GET", "lock:{failover}").string == lease.token.value)
        #expect(await updates.snapshot { $0.locks.contains { $0.key == Array("lock:{failover}".utf8) } } != nil)
        #expect(try await lease.release())
        // On a failure above, deinit kills the servers and sentinels.
        feed.stop()
        for sentinel in sentinels { await sentinel.stop() }
        await replica.stop()
        await master.stop()
    }


    @Test func theFeedReportsAFailoverWhileItRunsAndConnectsToTheNewMasterAfterTheSwitch() async throws {
        let master = try await RedisServer.start(arguments: ["--notify-keyspace-events", "KA"])
        guard case .tcp(_, let masterPort) = master.endpoint.address else { throw Failure("the master is not on TCP") }
        let replica = try await RedisServer.start(arguments: ["--replicaof", "127.0.0.1", String(masterPort), "--notify-keyspace-events", "KA"])
        var sentinels: [RedisSentinel] = []
        for _ in 0..<3 { sentinels.append(try await RedisSentinel.start(monitoring: master.endpoint, as: Self.name)) }
        let sentinel = try await RedisConnection.connect(to: .tcp("127.0.0.1", port: sentinels[0].node.port))
        var options = FeedOptions()
        options.refreshInterval = .seconds(3600)
        options.rescanInterval = .seconds(3600)
        let feed = LiveFeed(endpoint: RedisEndpoint.sentinel(sentinels.map(\.node), master: Self.name), options: options)
        feed.start()
        var updates = feed.updates.makeAsyncIterator()
        #expect(await updates.snapshot { _ in true } != nil)
        try await Polling.until("the feed listens to the sentinel and the replica is known", timeout: .seconds(60)) {
            let clients = try await sentinel.send("CLIENT", "LIST").string ?? ""
            let info = try await replica.connect().send("INFO", "replication").string ?? ""
            let known = try await sentinel.send("SENTINEL", "REPLICAS", Self.name).array ?? []
            return clients.contains("name=locktop-sentinel") && clients.contains("psub=1")
                && info.contains("master_link_status:up") && !known.isEmpty
        }

        try await sentinel.send("SENTINEL", "FAILOVER", Self.name)
        let running = await updates.update { if case .failover(.some) = $0 { true } else { false } }
        #expect(running != nil)
        #expect(await updates.update { if case .failover(nil) = $0 { true } else { false } } != nil)
        try await Polling.until("the replica is the master", timeout: .seconds(60)) {
            (try? await replica.connect().send("ROLE"))?.array?.first?.string == "master"
        }
        try await replica.connect().send("SET", "lock:{promoted}", "x", "PX", 60_000)
        #expect(await updates.snapshot { $0.contains("lock:{promoted}") } != nil)
        feed.stop()
        for sentinel in sentinels { await sentinel.stop() }
        await replica.stop()
        await master.stop()
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }
}
