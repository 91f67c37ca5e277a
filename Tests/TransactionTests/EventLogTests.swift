import Foundation
import LockKit
import RedisClient
import TestSupport
import Testing

private struct Counted: Codable, Sendable, Equatable {
    let n: Int
}

@Suite struct EventLogTests {
    /// Appends `count` events `Counted(n)` in pipelined batches; their ids.
    private func fill(_ log: EventLog, count: Int) async throws -> [EventID] {
        var ids: [EventID] = []
        for start in stride(from: 0, to: count, by: 1_000) {
            let events = try (start..<min(start + 1_000, count)).map { try NewEvent(type: "Counted", payload: Counted(n: $0)) }
            ids += try await log.append(contentsOf: events)
        }
        return ids
    }

    private func xrangeCalls(_ redis: RedisConnection) async throws -> Int {
        let info = try await redis.send("INFO", "commandstats").string ?? ""
        guard let line = info.split(whereSeparator: \.isNewline).first(where: { $0.hasPrefix("cmdstat_xrange:") }),
              let calls = line.split(separator: "=").dropFirst().first?.split(separator: ",").first else { return 0 }
        return Int(calls) ?? 0
    }

    @Test func tenThousandEventsReplayInOrderFromAnyID() async throws {
        let server = try await RedisServer.start()
        let redis = try await server.connect()
        let log = EventLog(connection: redis, aggregate: "order", id: "big")
        let ids = try await fill(log, count: 10_000)
        #expect(try await log.count() == 10_000)
        #expect(zip(ids, ids.dropFirst()).allSatisfy { $0 < $1 })

        try await redis.send("CONFIG", "RESETSTAT")
        let all = try await log.replay(pageSize: 512).collect()
        #expect(all.map(\.id) == ids)
        #expect(try all.map { try $0.decode(Counted.self).n } == Array(0..<10_000))
        // Paged: 19 full pages of 512 and one of 272, never one 10,000-entry reply.
        #expect(try await xrangeCalls(redis) == 20)

        for start in [0, 1, 4_999, 5_000, 9_998, 9_999] {
            let from = try await log.replay(from: .from(ids[start]), pageSize: 500).collect()
            #expect(from.map(\.id) == Array(ids[start...]), "replay from event \(start)")
            let after = try await log.replay(from: .after(ids[start]), pageSize: 500).collect()
            #expect(after.map(\.id) == Array(ids[(start + 1)...]), "replay after event \(start)")
        }
        await server.stop()
    }

    @Test func eventsCarryTypeJSONDataAndTimestamp() async throws {
        let server = try await RedisServer.start()
        let redis = try await server.connect()
        let log = EventLog(connection: redis, aggregate: "order", id: "42")
        let before = Int64(Date().timeIntervalSince1970 * 1000)
        let id = try await log.append(type: "OrderCreated", payload: Counted(n: 7))
        let fields = try await redis.send("XRANGE", "events:order:{42}", "-", "+").array?.first?.array?.last?.array?.compactMap(\.string)
        #expect(fields?.count == 6)
        #expect(fields?.prefix(4) == ["type", "OrderCreated", "data", "{\"n\":7}"])
        let event = try #require(try await log.last())
        #expect(event.id == id)
        #expect(event.type == "OrderCreated")
        #expect(try event.decode(Counted.self) == Counted(n: 7))
        #expect(event.timestamp >= before)
        var types: [String] = []
        for try await replayed in log.replay() { types.append(replayed.type) }
        #expect(types == ["OrderCreated"])
        await server.stop()
    }

    @Test func maxLengthTrimsTheStreamApproximately() async throws {
        let server = try await RedisServer.start()
        let log = EventLog(connection: try await server.connect(), aggregate: "order", id: "trimmed", maxLength: 100)
        _ = try await fill(log, count: 2_000)
        let length = try await log.count()
        #expect(length >= 100 && length < 2_000)
        #expect(try await log.last()?.decode(Counted.self) == Counted(n: 1_999))
        await server.stop()
    }

    @Test func checkpointsRoundTripAndOnlyMoveForward() async throws {
        let server = try await RedisServer.start()
        let redis = try await server.connect()
        let log = EventLog(connection: redis, aggregate: "order", id: "7")
        let ids = try await fill(log, count: 10)
        #expect(try await log.checkpoint() == nil)
        #expect(try await log.saveCheckpoint(ids[4]))
        #expect(try await log.checkpoint() == ids[4])
        #expect(try await redis.send("GET", "checkpoint:order:{7}").string == ids[4].description)
        #expect(try await log.saveCheckpoint(ids[2]) == false)
        #expect(try await log.checkpoint() == ids[4])
        #expect(try await log.replayFromCheckpoint().collect().map(\.id) == Array(ids[5...]))
        try await log.resetCheckpoint()
        #expect(try await log.replayFromCheckpoint().collect().count == 10)
        await server.stop()
    }

    @Test func processingFromTheCheckpointHandlesEveryEventOnceAcrossARestart() async throws {
        let server = try await RedisServer.start()
        let log = EventLog(connection: try await server.connect(), aggregate: "order", id: "p")
        _ = try await fill(log, count: 100)
        let handled = StepLog()
        await #expect(throws: TransactionError.self) {
            try await log.process(checkpointEvery: 25) { event in
                let n = try event.decode(Counted.self).n
                if n == 60 { throw StepFailure(description: "processor crashed at 60") }
                handled.append(String(n))
            }
        }
        // A restarted processor continues after the last event handled, not from the last full batch.
        #expect(try await log.process(checkpointEvery: 25) { handled.append(String(try $0.decode(Counted.self).n)) } == 40)
        #expect(handled.all == (0..<100).map(String.init))
        #expect(try await log.process { _ in handled.append("again") } == 0)
        await server.stop()
    }

    @Test func aGuideStyleCheckpointIsReportedAsMalformed() async throws {
        let server = try await RedisServer.start()
        let redis = try await server.connect()
        try await redis.send("SET", "checkpoint:order:{9}", "completed")
        let log = EventLog(connection: redis, aggregate: "order", id: "9")
        await #expect(throws: TransactionError.self) { _ = try await log.checkpoint() }
        await server.stop()
    }
}
