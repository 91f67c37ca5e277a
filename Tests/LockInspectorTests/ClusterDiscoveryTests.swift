import Foundation
@testable import LockInspector
import LockKit
import RedisClient
import TestSupport
import Testing

/// A real three-master cluster: every master is scanned, actions reach other masters by
/// redirection, and a killed master is reported while the others are still listed.
@Suite struct ClusterDiscoveryTests {
    @Test func locksOnEveryMasterAreDiscoveredAndAnotherMastersLockIsReleasedByRedirection() async throws {
        let cluster = try await RedisCluster.start()
        defer { Task { await cluster.stop() } }
        let endpoint = try cluster.endpoint
        let locks = DistributedLock(connection: try await RedisConnection.connect(to: endpoint))
        let resources = Self.resourcesOnEveryNode(cluster)
        var leases: [LockLease] = []
        for resource in resources { leases.append(try #require(try await locks.tryAcquire(resource, ttl: .seconds(60)))) }

        let scan = try await ClusterScanner(endpoint: endpoint).scan()
        #expect(scan.nodes.count == 3)
        #expect(scan.nodes.allSatisfy { $0.isReachable })
        #expect(scan.nodes.map(\.foundKeys) == [1, 1, 1])
        #expect(scan.nodes.reduce(0) { $0 + $1.slotCount } == HashSlot.count)
        for (resource, lease) in zip(resources, leases) {
            let lock = try #require(Records.lock(scan.snapshot["lock:{\(resource)}"]), "\(resource)")
            #expect(lock.owners.first?.token == lease.token.value)
            #expect(lock.owners.first?.pid == getpid())
            if case .remaining(let left) = lock.ttl { #expect(left <= .seconds(60) && left > .zero) } else { Issue.record("no TTL on \(resource)") }
        }

        // The actions connection starts at the first master; the last lock lives on the third.
        let actions = LockActions(connection: try await RedisConnection.connect(to: endpoint), readOnly: false)
        let far = try #require(leases.last)
        #expect(await actions.forceRelease(key: Array(far.key.utf8), token: Array("someone-else".utf8)) == .ownerChanged)
        #expect(await actions.extend(key: Array(far.key.utf8), token: Array(far.token.value.utf8), by: .seconds(30)) == .done)
        #expect(await actions.forceRelease(key: Array(far.key.utf8), token: Array(far.token.value.utf8)) == .done)
        #expect(try await cluster.nodes[2].connect().send("EXISTS", far.key).int == 0)
        #expect(try await cluster.nodes[0].connect().send("CLUSTER", "COUNTKEYSINSLOT", HashSlot.of(leases[0].key)).int == 1)
    }

    @Test func aKilledMasterIsReportedAndTheOthersAreStillListed() async throws {
        let cluster = try await RedisCluster.start()
        defer { Task { await cluster.stop() } }
        let endpoint = try cluster.endpoint
        let locks = DistributedLock(connection: try await RedisConnection.connect(to: endpoint))
        let resources = Self.resourcesOnEveryNode(cluster)
        for resource in resources { _ = try #require(try await locks.tryAcquire(resource, ttl: .seconds(60))) }

        await cluster.nodes[1].kill()
        let scan = try await ClusterScanner(endpoint: endpoint).scan()
        #expect(scan.nodes.map(\.isReachable) == [true, false, true])
        #expect(scan.nodes.summary.contains("2/3 nodes up, down: \(scan.nodes[1].address)"))
        #expect(Records.lock(scan.snapshot["lock:{\(resources[0])}"]) != nil)
        #expect(Records.lock(scan.snapshot["lock:{\(resources[1])}"]) == nil)
        #expect(Records.lock(scan.snapshot["lock:{\(resources[2])}"]) != nil)
    }

    @Test func aClusterNodeIsDetectedAndAPlainServerIsNot() async throws {
        let cluster = try await RedisCluster.start(masters: 1)
        defer { Task { await cluster.stop() } }
        #expect(try await ClusterTopology.resolve(cluster.nodes[0].endpoint, forced: false).isCluster)
        let plain = try await RedisServer.start()
        defer { Task { await plain.stop() } }
        #expect(try await ClusterTopology.resolve(plain.endpoint, forced: false).isCluster == false)
        let forced = try plain.endpoint.asCluster()
        await #expect { try await ClusterScanner(endpoint: forced).scan() } throws: { error in
            "\(error)".contains("not a Redis Cluster node")
        }
    }

    /// One resource per master whose LockKit lock key lives there, in node order.
    static func resourcesOnEveryNode(_ cluster: RedisCluster) -> [String] {
        // A resource's lock key hashes as the resource does (it is the hash tag).
        cluster.nodes.indices.map { index in cluster.key(onNode: index) { "job:\($0)" } }
    }
}
