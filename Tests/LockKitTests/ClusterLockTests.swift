import Foundation
import LockKit
import RedisClient
import TestSupport
import Testing

/// LockKit on a real three-master cluster: its keys share a hash tag per resource, so every
/// pattern runs there; a layout that would need cross-slot scripts is refused, saying why.
@Suite(.timeLimit(.minutes(3))) struct ClusterLockTests {
    @Test func notifiedPriorityAndFencedLocksExcludeEachOtherOnAResourceOfEveryMaster() async throws {
        let cluster = try await RedisCluster.start()
        defer { Task { await cluster.stop() } }
        let endpoint = try cluster.endpoint
        let hub = try ReleaseNotifications(endpoint: endpoint)
        defer { hub.stop() }
        let connect: @Sendable () async throws -> RedisConnection = { try await RedisConnection.connect(to: endpoint) }
        let resources = Self.resourcesOnEveryNode(cluster)
        let notified = try await counterAfterContention(connect: connect, resource: resources[0], clients: 8, increments: 50) { _, connection in
            NotifiedLock(connection: connection, notifications: hub)
        }
        let priority = try await counterAfterContention(connect: connect, resource: resources[1], clients: 8, increments: 50) { client, connection in
            PriorityLock(connection: connection, notifications: hub, defaultPriority: 1 + client % 3)
        }
        let fenced = try await counterAfterContention(connect: connect, resource: resources[2], clients: 8, increments: 50) { _, connection in
            DistributedLock(connection: connection, fenced: true)
        }
        #expect([notified, priority, fenced] == [Int](repeating: 400, count: 3))

        let lock = DistributedLock(connection: try await connect(), fenced: true)
        let first = try #require(try await lock.tryAcquire(resources[2], ttl: .seconds(10)))
        #expect(try await first.release())
        let second = try #require(try await lock.tryAcquire(resources[2], ttl: .seconds(10)))
        #expect(try #require(second.fencingToken) > (try #require(first.fencingToken)))
    }

    @Test func aMultiLockOverEveryMasterIsAllOrNothing() async throws {
        let cluster = try await RedisCluster.start()
        defer { Task { await cluster.stop() } }
        let endpoint = try cluster.endpoint
        let resources = Self.resourcesOnEveryNode(cluster)
        let other = try #require(try await DistributedLock(connection: try await RedisConnection.connect(to: endpoint))
            .tryAcquire(resources[1], ttl: .seconds(60)))
        let batch = MultiLock(connection: try await RedisConnection.connect(to: endpoint))
        #expect(try await batch.tryAcquire(resources, ttl: .seconds(60)) == nil)
        for (index, resource) in resources.enumerated() where index != 1 {
            #expect(try await cluster.nodes[index].connect().send("EXISTS", "lock:{\(resource)}").int == 0, "\(resource) left locked")
        }
        #expect(try await other.release())
        let lease = try #require(try await batch.tryAcquire(resources, ttl: .seconds(60)))
        for (index, resource) in resources.enumerated() {
            #expect(try await cluster.nodes[index].connect().send("GET", "lock:{\(resource)}").string == lease.token.value)
        }
        #expect(try await lease.release())
        for (index, resource) in resources.enumerated() {
            #expect(try await cluster.nodes[index].connect().send("EXISTS", "lock:{\(resource)}").int == 0)
        }
    }

    @Test func theGuidesUntaggedLayoutIsRefusedBeforeAnythingIsSentAndSaysWhy() async throws {
        let cluster = try await RedisCluster.start()
        defer { Task { await cluster.stop() } }
        let endpoint = try cluster.endpoint
        let hub = try ReleaseNotifications(endpoint: endpoint)
        defer { hub.stop() }
        // lock:job:7 and lock:queue:lock:job:7 hash to different slots.
        #expect(HashSlot.of("lock:job:7") != HashSlot.of("lock:queue:lock:job:7"))
        let lock = PriorityLock(connection: try await RedisConnection.connect(to: endpoint), notifications: hub, schema: .guide)
        await #expect { try await lock.tryAcquire("job:7", ttl: .seconds(10)) } throws: { error in
            let text = "\(error)"
            return text.contains("CROSSSLOT") && text.contains("lock:job:7 -> slot") && text.contains("hash tag")
        }
        for node in cluster.nodes { #expect(try await node.connect().send("DBSIZE").int == 0) }
    }

    /// One resource per master whose lock key lives there, in node order.
    static func resourcesOnEveryNode(_ cluster: RedisCluster) -> [String] {
        // A resource's lock key hashes as the resource does (it is the hash tag).
        cluster.nodes.indices.map { index in cluster.key(onNode: index) { "job:\($0)" } }
    }
}
