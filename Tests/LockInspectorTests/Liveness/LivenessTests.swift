import Foundation
@testable import LockInspector
import LockKit
import Testing

/// Matching owners to connections, without a server.
@Suite struct LivenessTests {
    static let clientList = """
        id=3 addr=127.0.0.1:50000 laddr=127.0.0.1:6379 fd=8 name=lockkit/web-1/4242 age=9 idle=0 flags=N db=0 cmd=evalsha
        id=4 addr=127.0.0.1:50001 laddr=127.0.0.1:6379 fd=9 name=orders-api/web-2/77 age=9 idle=0 flags=N db=0 cmd=set
        id=5 addr=127.0.0.1:50002 laddr=127.0.0.1:6379 fd=10 name= age=9 idle=0 flags=N db=0 cmd=blpop
        id=6 addr=127.0.0.1:50003 laddr=127.0.0.1:6379 fd=11 name=app-8f2c1a4e-3b7d-4c1e-9a55-0d6b2e7f9c31 age=1 cmd=hset
        """

    static func lock(_ token: String, family: LockFamily = .locktop, ttl: LockTTL = .remaining(.seconds(30))) -> LockEntity {
        LockEntity(key: Array("lock:{\(token)}".utf8), resource: token, family: family, owners: [LockOwner(describedBy: token)], ttl: ttl)
    }

    @Test func clientListGivesEachConnectionsNameAndCommand() {
        let list = ClientList(text: Self.clientList)
        #expect(list.clients.map(\.name) == ["lockkit/web-1/4242", "orders-api/web-2/77", "", "app-8f2c1a4e-3b7d-4c1e-9a55-0d6b2e7f9c31"])
        #expect(list.clients.map(\.command) == ["evalsha", "set", "blpop", "hset"])
    }

    @Test func aConnectionNameCarriesTheHostAndPidOfTheTokens() {
        #expect(ConnectionNaming.owner(ofConnectionName: "lockkit/web-1/4242").map { "\($0.host) \($0.pid)" } == "web-1 4242")
        #expect(ConnectionNaming.owner(ofConnectionName: "my-app/host-with-dashes/7").map { "\($0.host) \($0.pid)" } == "host-with-dashes 7")
        for name in ["locktop", "lockkit/web-1/x", "web-1/4242", "lockkit//4242", ""] {
            #expect(ConnectionNaming.owner(ofConnectionName: Substring(name)) == nil, "\(name)")
        }
        #expect(ConnectionNaming.name(given: nil) == "lockkit" + ConnectionNaming.suffix)
        #expect(ConnectionNaming.name(given: "locktop") == "lockkit" + ConnectionNaming.suffix)
        #expect(ConnectionNaming.name(given: "orders-api") == "orders-api" + ConnectionNaming.suffix)
    }

    @Test func lockKitOwnersAreAliveOrGoneOthersUnknown() {
        let liveness = Liveness(clients: ClientList(text: Self.clientList))
        #expect(liveness.status(of: Self.lock("1767225600000-web-1-4242-0a1b2c3d")) == .alive)
        #expect(liveness.status(of: Self.lock("1767225600000-web-2-77-0a1b2c3d")) == .alive)
        #expect(liveness.status(of: Self.lock("1767225600000-web-1-4243-0a1b2c3d")) == .gone)
        #expect(liveness.status(of: Self.lock("1767225600000-0.8123", family: .guide)) == .unknown)
        #expect(liveness.status(of: Self.lock(Tokens.nodeRedlock, family: .tokenHex32)) == .unknown)
    }

    @Test func aRedissonOwnerIsAliveOnlyWhenAConnectionNameCarriesItsClientId() {
        let liveness = Liveness(clients: ClientList(text: Self.clientList))
        let named = LockEntity(key: Array("orders".utf8), resource: "orders", family: .redisson, kind: .reentrant,
                               owners: [LockOwner(token: "\(Tokens.redissonClient):1", host: Tokens.redissonClient, thread: "1")], ttl: .noExpiry)
        #expect(liveness.status(of: named) == .alive)
        let other = LockEntity(key: Array("orders".utf8), resource: "orders", family: .redisson, kind: .reentrant,
                               owners: [LockOwner(token: "0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d:1", host: "0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d", thread: "1")],
                               ttl: .noExpiry)
        #expect(liveness.status(of: other) == .unknown)
    }

    @Test func aRefusedClientListLeavesEveryOwnerUnknown() {
        let liveness = Liveness(processes: nil, subscribers: nil, refusal: "CLIENT LIST refused: owners show ?")
        #expect(liveness.status(of: Self.lock("1767225600000-web-1-4243-0a1b2c3d")) == .unknown)
        #expect(liveness.goneOwners(in: [Self.lock("1767225600000-web-1-4243-0a1b2c3d")]).isEmpty)
    }

    @Test func aGoneOwnerIsAWarningWithATTLAndCriticalWithout() {
        let expiring = Self.lock("1767225600000-ghost-9-0a1b2c3d")
        let forever = LockEntity(key: Array("lock:{forever}".utf8), resource: "forever", family: .locktop,
                                 owners: [LockOwner(describedBy: "1767225600000-ghost-9-0a1b2c3e")], ttl: .noExpiry)
        var snapshot = Snapshot(takenAt: Records.now, entities: [.lock(expiring), .lock(forever)], scannedKeys: 2)
        snapshot.liveness = Liveness(clients: ClientList(text: Self.clientList))
        let found = AnomalyRules.evaluate(snapshot, now: Records.now).filter { $0.kind == .ownerGone }
        #expect(found.map(\.severity) == [.critical, .warning])
        #expect(found.first?.message.contains("ghost pid 9") == true)
    }
}
