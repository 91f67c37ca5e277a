import Foundation
@testable import LockInspector
import LockKit
import RedisClient
import TestSupport
import Testing

/// Owners and waiters against a real server: a LockKit process that dies, a waiter on a
/// release channel, and a user who may not ask.
@Suite struct OwnerLivenessTests {
    @Test func aLockKitOwnerIsAliveWhileItsProcessLivesAndGoneOnceKilled() async throws {
        try await withRedis { server, redis in
            let agent = try AgentProcess.start(["hold", "--url", server.url, "--resource", "invoice:7", "--kind", "mutex", "--ttl-ms", "600000"])
            let held = try await agent.readLine(startingWith: "held ")
            let token = OwnerToken(value: String(held.dropFirst(5)))
            #expect(token.parts?.pid == agent.pid)

            let scanner = KeyspaceScanner(connection: redis)
            let before = try await scanner.scan()
            let lock = try #require(Records.lock(before["lock:{invoice:7}"]))
            #expect(before.liveness?.status(of: lock) == .alive)
            #expect(AnomalyRules.evaluate(before, now: Date()).allSatisfy { $0.kind != .ownerGone })

            _ = await agent.kill()
            // The server drops the killed process's connection when it reads the socket's end:
            // look until CLIENT LIST no longer has it (that is the event), then scan.
            let name = "lockkit-agent/\(OwnerToken.hostName)/\(agent.pid)"
            while (try await redis.send("CLIENT", "LIST").string ?? "").contains("name=\(name) ") {
                try await Task.sleep(for: .milliseconds(10))
            }
            let after = try await scanner.scan()
            let orphan = try #require(Records.lock(after["lock:{invoice:7}"]))
            #expect(after.liveness?.status(of: orphan) == .gone)
            let anomaly = try #require(AnomalyRules.evaluate(after, now: Date()).first { $0.kind == .ownerGone })
            #expect(anomaly.severity == .warning)
            let report = try SnapshotReport(after, endpoint: "e", anomalies: []).json()
            #expect(report.contains(#""ownerStatus":"gone""#))
        }
    }

    @Test func thisProcessesLocksAreAliveThroughItsNamedConnection() async throws {
        try await withRedis { _, redis in
            _ = try #require(try await DistributedLock(connection: redis).tryAcquire("coupon:1", ttl: .seconds(60)))
            #expect(await redis.clientName?.hasSuffix(ConnectionNaming.suffix) == true)
            let snapshot = try await KeyspaceScanner(connection: redis).scan()
            let lock = try #require(Records.lock(snapshot["lock:{coupon:1}"]))
            #expect(snapshot.liveness?.status(of: lock) == .alive)
        }
    }

    @Test func waitersOnAReleaseChannelAreCounted() async throws {
        try await withRedis { server, redis in
            try await redis.send("SET", "lock:{job}", OwnerToken.generate().value, "PX", 60_000)
            let subscriber = try Subscriber(endpoint: server.endpoint)
            defer { subscriber.stop() }
            try await subscriber.subscribe(["lock:channel:{job}"])
            let snapshot = try await KeyspaceScanner(connection: redis).scan()
            let lock = try #require(Records.lock(snapshot["lock:{job}"]))
            #expect(snapshot.liveness?.waiters(of: lock) == 1)
        }
    }

    @Test func aUserWhoMayNotAskSeesQuestionMarksAndOneReason() async throws {
        try await withRedis { server, admin in
            try await admin.send(RedisCommand("ACL", arguments: ["SETUSER", "bare", "on", ">pw", "~*", "+@read", "+@connection", "+scan",
                                                                  "+ping", "-client", "-pubsub", "-info", "-@write"]))
            try await admin.send("SET", "lock:{job}", "1767225600000-ghost-9-0a1b2c3d", "PX", 60_000)
            var endpoint = server.endpoint
            endpoint.username = "bare"
            endpoint.password = "pw"
            let redis = try await RedisConnection.connect(to: endpoint)
            let snapshot = try await KeyspaceScanner(connection: redis).scan()
            let lock = try #require(Records.lock(snapshot["lock:{job}"]))
            #expect(snapshot.liveness?.status(of: lock) == .unknown)
            #expect(snapshot.liveness?.waiters(of: lock) == nil)
            #expect(snapshot.liveness?.refusal == "CLIENT LIST refused: owners show ?; PUBSUB refused: release-channel waiters show ?")
            await redis.close()
        }
    }
}
