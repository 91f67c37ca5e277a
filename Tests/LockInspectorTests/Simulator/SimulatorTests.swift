import LockInspector
import LockKit
import RedisClient
import TestSupport
import Testing

/// Real simulations against real redis-servers: exclusion, exact counts, cleanup.
@Suite(.timeLimit(.minutes(3))) struct SimulatorTests {
    @Test(arguments: SimulationPattern.allCases, [ServerKind.redis, .valkey])
    func everyPatternKeepsMutualExclusionCountsExactlyAndCleansUp(_ pattern: SimulationPattern, on kind: ServerKind) async throws {
        let servers = try await RedisServer.startMany(pattern == .redlock ? 3 : 1, kind: kind)
        let simulator = Simulator(endpoint: servers[0].endpoint, redlockEndpoints: servers.map(\.endpoint))
        // A long acquire timeout: the lowest priorities wait for every higher one, and
        // this machine is shared; the counts below must not depend on its speed.
        let parameters = SimulationParameters(pattern: pattern, clients: 8, hold: .milliseconds(1),
                                              acquireTimeout: .seconds(120), limit: .acquisitionsPerClient(100),
                                              resource: "coupon:\(pattern.rawValue)")
        let report = try await simulator.run(parameters)

        #expect(report.isFinal)
        #expect(report.violations == 0)
        #expect(report.lostLeases == 0)
        #expect(report.perClient == Array(repeating: 100, count: 8))
        #expect(report.acquisitions == 800)
        #expect(report.wait.count == 800)
        #expect(report.waitHistogram.reduce(0) { $0 + $1.count } == 800)
        #expect(report.holding == 0)
        #expect(report.starvedClients == 0)
        #expect(report.lockKey == SimulationKeys(resource: "coupon:\(pattern.rawValue)", targetsRealKey: false).contended(by: pattern))
        #expect(report.lockKey.hasPrefix("locktop:sim:") && report.lockKey.hasSuffix("{coupon:\(pattern.rawValue)}"))
        // At least the acquire and the release; measured on a private server, so exact enough to be real.
        #expect((report.commandsPerAcquisition ?? 0) >= 2)
        for server in servers {
            #expect(try await shadowKeys(on: server).isEmpty)
            await server.stop()
        }
    }

    @Test(arguments: SimulationPattern.allCases)
    func cancellationStopsEveryClientAndLeavesNoKeys(_ pattern: SimulationPattern) async throws {
        let servers = try await RedisServer.startMany(pattern == .redlock ? 3 : 1)
        let simulator = Simulator(endpoint: servers[0].endpoint, redlockEndpoints: servers.map(\.endpoint))
        // An hour-long critical section and run: only cancellation can end this test in time.
        let parameters = SimulationParameters(pattern: pattern, clients: 4, hold: .seconds(3600), ttl: .seconds(3600),
                                              acquireTimeout: .seconds(3600), limit: .duration(.seconds(3600)),
                                              reportInterval: .milliseconds(5))
        let (holding, holdingSeen) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        let run = Task {
            try await simulator.run(parameters) { live in
                if live.holding > 0 { holdingSeen.yield() }
            }
        }
        for await _ in holding { break }
        run.cancel()

        let outcome = await run.result
        guard case .failure(let error) = outcome, let failure = error as? SimulationError,
              case .cancelled(let report) = failure else {
            Issue.record("expected .cancelled, got \(outcome)")
            return
        }
        #expect(report.holding == 0)
        #expect(report.violations == 0)
        for server in servers {
            #expect(try await shadowKeys(on: server).isEmpty)
            #expect(try await simulatorClients(on: server) == 0)
            await server.stop()
        }
    }

    @Test func readOnlyRefusesBeforeConnecting() async throws {
        try await withRedis { server, redis in
            let before = try await connectionsReceived(redis)
            let simulator = Simulator(endpoint: server.endpoint, readOnly: true)
            await #expect(throws: SimulationError.self) {
                try await simulator.run(SimulationParameters(pattern: .distributed))
            }
            do throws(SimulationError) {
                _ = try await simulator.run(SimulationParameters(pattern: .distributed))
            } catch {
                guard case .refusedReadOnly = error else { Issue.record("expected .refusedReadOnly, got \(error)"); return }
                #expect(error.description.contains("read-only"))
            }
            #expect(try await connectionsReceived(redis) == before)
        }
    }

    @Test func aTTLShorterThanTheCriticalSectionIsCaughtAsViolations() async throws {
        try await withRedis { server, _ in
            let simulator = Simulator(endpoint: server.endpoint)
            // Every lease expires inside its section; spinning clients take the lock meanwhile.
            let parameters = SimulationParameters(pattern: .spin, clients: 4, hold: .milliseconds(50), ttl: .milliseconds(5),
                                                  limit: .acquisitionsPerClient(10))
            let report = try await simulator.run(parameters)
            #expect(report.lostLeases == report.acquisitions)
            #expect(report.violations > 0)
            #expect(try await shadowKeys(on: server).isEmpty)
        }
    }

    @Test func theRealKeyIsReleasedButNeverDeleted() async throws {
        try await withRedis { server, redis in
            let simulator = Simulator(endpoint: server.endpoint)
            let parameters = SimulationParameters(pattern: .priority, clients: 3, hold: .zero,
                                                  limit: .acquisitionsPerClient(5), resource: "orders", targetsRealKey: true)
            let report = try await simulator.run(parameters)
            #expect(report.lockKey == "lock:{orders}")
            #expect(report.acquisitions == 15)
            #expect(try await redis.send("EXISTS", "lock:{orders}").int == 0)
            #expect(try await shadowKeys(on: server).isEmpty)
        }
    }

    @Test func theStreamEndsWithTheFinalReport() async throws {
        try await withRedis { server, _ in
            let simulator = Simulator(endpoint: server.endpoint)
            let parameters = SimulationParameters(pattern: .notified, clients: 4, hold: .zero, limit: .acquisitionsPerClient(50),
                                                  reportInterval: .milliseconds(10))
            var last: SimulationReport?
            for try await report in simulator.reports(parameters) {
                #expect(last?.isFinal != true)
                last = report
            }
            #expect(last?.isFinal == true)
            #expect(last?.acquisitions == 200)
            #expect(try await shadowKeys(on: server).isEmpty)
        }
    }

    @Test func anUnreachableServerIsAConnectError() async throws {
        let server = try await RedisServer.start()
        let endpoint = server.endpoint
        await server.stop()
        do throws(SimulationError) {
            _ = try await Simulator(endpoint: endpoint).run(SimulationParameters(pattern: .spin))
            Issue.record("a stopped server was reached")
        } catch {
            guard case .connect = error else { Issue.record("expected .connect, got \(error)"); return }
            #expect(error.description.contains("redis-server"))
        }
    }
}

/// Every key under the simulator's namespace.
func shadowKeys(on server: RedisServer) async throws -> [String] {
    let redis = try await server.connect()
    var keys: [String] = []
    var cursor = "0"
    repeat {
        let reply = try await redis.send("SCAN", cursor, "MATCH", SimulationKeys.shadowPrefix + "*", "COUNT", 1000)
        cursor = reply.array?.first?.string ?? "0"
        keys += reply.array?.last?.array?.compactMap(\.string) ?? []
    } while cursor != "0"
    return keys
}

/// Connections the simulator's clients have open on `server` (CLIENT LIST, by client name).
/// The release subscriber has a name of its own: it stops on its own thread, so the server
/// may still list it for a moment.
func simulatorClients(on server: RedisServer) async throws -> Int {
    let redis = try await server.connect()
    let list = try await redis.send("CLIENT", "LIST").string ?? ""
    return list.split(whereSeparator: \.isNewline).filter { $0.contains("name=locktop-sim ") }.count
}

/// `total_connections_received` from INFO stats.
func connectionsReceived(_ redis: RedisConnection) async throws -> Int? {
    let info = try await redis.send("INFO", "stats").string ?? ""
    let line = info.split(whereSeparator: \.isNewline).first { $0.hasPrefix("total_connections_received:") }
    return line.flatMap { Int($0.split(separator: ":").last ?? "") }
}
