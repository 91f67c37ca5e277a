import Foundation
import LockInspector
import LockKit
import RedisClient
import TestSupport
import Testing

/// The dashboard's feed on a real three-master cluster with keyspace notifications: every
/// master's locks in one snapshot, changes on any master live, a killed master named.
@Suite(.timeLimit(.minutes(2))) struct ClusterFeedTests {
    @Test func everyMasterIsFollowedLiveAndAKilledOneIsNamed() async throws {
        let cluster = try await RedisCluster.start(arguments: ["--notify-keyspace-events", "KA"])
        defer { Task { await cluster.stop() } }
        let endpoint = try cluster.endpoint
        let locks = DistributedLock(connection: try await RedisConnection.connect(to: endpoint))
        let resources = ClusterDiscoveryTests.resourcesOnEveryNode(cluster)
        for resource in resources.prefix(2) { _ = try #require(try await locks.tryAcquire(resource, ttl: .seconds(60))) }

        var options = FeedOptions()
        options.refreshInterval = .seconds(3600)
        options.rescanInterval = .seconds(3600)
        let feed = makeKeyspaceFeed(endpoints: [endpoint], scanOptions: ScanOptions(), options: options)
        #expect(feed is ClusterFeed)
        feed.start()
        defer { feed.stop() }
        var updates = feed.updates.makeAsyncIterator()
        // Each master's feed decides its mode before its first scan.
        #expect(await updates.update { $0.isMode(.notifications) } != nil)
        let first = await updates.snapshot { $0.contains("lock:{\(resources[0])}") && $0.contains("lock:{\(resources[1])}") }
        #expect(first != nil)

        // A lock taken on the third master shows up by its keyspace event (no poll, no rescan is due).
        let lease = try #require(try await locks.tryAcquire(resources[2], ttl: .seconds(60)))
        #expect(await updates.snapshot { $0.contains(lease.key) } != nil)
        #expect(try await lease.release())
        #expect(await updates.snapshot { !$0.contains(lease.key) } != nil)

        await cluster.nodes[1].kill()
        let down = await updates.update { update in
            if case .nodes(let nodes) = update { nodes.count == 3 && !nodes[1].isReachable && nodes[0].isReachable } else { false }
        }
        #expect(down != nil)
        let remaining = await updates.snapshot { !$0.contains("lock:{\(resources[1])}") }
        #expect(remaining?.contains("lock:{\(resources[0])}") == true)
    }
}
