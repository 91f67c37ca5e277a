import LockKit
import RedisClient
import TestSupport
import Testing

/// What each server says it is and allows, and which path a lock then takes: read from the
/// server's own INFO commandstats, not assumed.
@Suite struct ServerCapabilityTests {
    @Test(arguments: ServerSetup.all)
    func capabilitiesNameTheServerAndWhatItAllows(setup: ServerSetup) async throws {
        let server = try await setup.start()
        let capabilities = try await server.connect().capabilities()
        let info = try #require(capabilities.server)
        #expect(info.flavor == (setup.kind == .valkey ? .valkey : .redis))
        #expect(info.version >= ServerVersion(7, 0))
        #expect(capabilities.scripting == setup.scripting)
        #expect(capabilities.setIfEqual == (setup.kind == .valkey))
        // Valkey 8.1 has no DELIFEQ (9.0), Redis 7.0 no DELEX (8.4).
        #expect(capabilities.deleteIfEqual == nil)
        await server.stop()
    }

    @Test(arguments: ServerSetup.all)
    func aLockUsesTheNativeOrWatchPathsTheServerAllowsAndNoScriptWithoutLua(setup: ServerSetup) async throws {
        let server = try await setup.start()
        let redis = try await server.connect()
        let lock = DistributedLock(connection: try await server.connect())
        // Loads both scripts where they run, so that the counts below have no NOSCRIPT retry.
        let warmUp = try #require(try await lock.tryAcquire("warm-up", ttl: .seconds(10)))
        _ = try await warmUp.extend(by: .seconds(1))
        _ = try await warmUp.release()
        try await redis.send("CONFIG", "RESETSTAT")
        let lease = try #require(try await lock.tryAcquire("r", ttl: .seconds(10)))
        #expect(try await lease.extend(by: .seconds(5)))
        #expect(try await lease.renew(to: .seconds(20)))
        #expect(try await lease.release())
        let stats = try #require(try await redis.send("INFO", "commandstats").string)
        func calls(_ command: String) -> Int {
            guard let line = stats.split(separator: "\r\n").first(where: { $0.hasPrefix("cmdstat_\(command):calls=") }) else { return 0 }
            return Int(line.dropFirst("cmdstat_\(command):calls=".count).prefix { $0.isNumber }) ?? 0
        }
        switch (setup.kind, setup.scripting) {
        case (.valkey, true):  // SET NX, SET IFEQ twice; release by Lua (no DELIFEQ on 8.1)
            #expect(calls("set") == 3 && calls("evalsha") == 1 && calls("watch") == 0)
        case (.valkey, false):  // extends native, release by WATCH
            #expect(calls("set") == 3 && calls("evalsha") == 0 && calls("watch") == 1 && calls("exec") == 1)
        case (.redis, true):
            #expect(calls("set") == 1 && calls("evalsha") == 3 && calls("watch") == 0)
        case (.redis, false):
            #expect(calls("set") == 1 && calls("evalsha") == 0 && calls("watch") == 3 && calls("exec") == 3)
        }
        await server.stop()
    }

    @Test(arguments: [ServerSetup.redisWithoutLua, .valkeyWithoutLua])
    func patternsThatNeedLuaRefuseAtFirstUseNamingThePermissionAndWhatWorks(setup: ServerSetup) async throws {
        let server = try await setup.start()
        let connection = try await server.connect()
        let hub = try ReleaseNotifications(endpoint: server.endpoint)
        defer { hub.stop() }
        let attempts: [(String, () async throws -> Void)] = [
            ("PriorityLock", { _ = try await PriorityLock(connection: connection, notifications: hub).tryAcquire("p", ttl: .seconds(5)) }),
            ("MultiLock", { _ = try await MultiLock(connection: connection).tryAcquire(["a", "b"], ttl: .seconds(5)) }),
            ("DistributedLock with fencing", { _ = try await DistributedLock(connection: connection, fenced: true).tryAcquire("f", ttl: .seconds(5)) }),
        ]
        for (pattern, attempt) in attempts {
            do {
                try await attempt()
                Issue.record("\(pattern) ran without Lua on \(setup)")
            } catch let error as LockError {
                #expect(error == .scriptingRefused(pattern: pattern, endpoint: server.endpoint.description))
                #expect(error.description.contains("@scripting") && error.description.contains("SimpleLock"))
            }
        }
        #expect(try await connection.send("DBSIZE").int == 0, "a refused pattern wrote nothing")
        await server.stop()
    }
}
