import Foundation
import LockInspector
import LockKit
@testable import LocktopApp
import TerminalUI

/// Hand-built snapshots and states: no Redis, fixed clock, UTC.
enum Fixtures {
    static let now = Date(timeIntervalSince1970: 1_700_000_100)
    static let takenAt = now.addingTimeInterval(-2)

    static func token(_ host: String, _ pid: Int32, secondsAgo: Double) -> String {
        let millis = Int64((now.timeIntervalSince1970 - secondsAgo) * 1000)
        return "\(millis)-\(host)-\(pid)-0badc0de"
    }

    static func lock(_ key: String, resource: String, family: LockFamily = .locktop, host: String = "web-1", pid: Int32 = 4242,
                     heldFor: Double = 12, ttl: LockTTL = .remaining(.seconds(18))) -> LockEntity {
        lock(bytes: Array(key.utf8), resource: resource, family: family, host: host, pid: pid, heldFor: heldFor, ttl: ttl)
    }

    static func lock(bytes key: [UInt8], resource: String, family: LockFamily = .locktop, host: String = "web-1", pid: Int32 = 4242,
                     heldFor: Double = 12, ttl: LockTTL = .remaining(.seconds(18))) -> LockEntity {
        let text = token(host, pid, secondsAgo: heldFor)
        let owner = LockOwner(token: text, host: host, pid: pid, acquiredAt: now.addingTimeInterval(-heldFor))
        // The release channel rule as the recogniser sets it for LockKit's and the guide's layouts.
        return LockEntity(key: key, resource: resource, family: family, owners: [owner], ttl: ttl, rawToken: Array(text.utf8),
                          releaseSignal: family == .locktop || family == .guide ? .keySchema : .none)
    }

    /// Three independent Redlock servers: `lock:{order:7}` held on all, `lock:{cart:2}` on one, `lock:{pay:9}` split; server 3 unread.
    static var redlockReport: RedlockReport {
        let held = lock("lock:{order:7}", resource: "order:7", host: "api-1", pid: 100)
        let minority = lock("lock:{cart:2}", resource: "cart:2", host: "api-2", pid: 200)
        let first = lock("lock:{pay:9}", resource: "pay:9", host: "api-3", pid: 300)
        let second = lock("lock:{pay:9}", resource: "pay:9", host: "api-4", pid: 400, heldFor: 3)
        func snapshot(_ locks: LockEntity...) -> Snapshot {
            Snapshot(takenAt: takenAt, entities: locks.map(Entity.lock), scannedKeys: locks.count)
        }
        return RedlockReport(servers: ["10.0.0.1:6379", "10.0.0.2:6379", "10.0.0.3:6379"],
                             snapshots: [snapshot(held, minority, first), snapshot(held, second), nil])
    }

    static let locks: [LockEntity] = [
        lock("lock:{coupon:123}", resource: "coupon:123"),
        lock("lock:{file:report.csv}", resource: "file:report.csv", host: "batch-7", pid: 99, heldFor: 400, ttl: .remaining(.seconds(4))),
        LockEntity(key: Array("order-lock".utf8), resource: "order-lock", family: .redisson, kind: .reentrant,
                   owners: [LockOwner(token: "3f2a9c1e-77b0:1", thread: "1")], ttl: .noExpiry, rawToken: nil),
        lock("lock:job:nightly", resource: "job:nightly", family: .guide, host: "cron-1", pid: 7, heldFor: 3, ttl: .remaining(.seconds(50))),
    ]

    static let queue = QueueEntity(
        key: Array("lock:queue:{coupon:123}".utf8), resource: "coupon:123", family: .locktop,
        waiters: [
            Waiter(member: token("web-2", 51, secondsAgo: 5), rank: 0, score: 1e13 + 4),
            Waiter(member: token("web-3", 52, secondsAgo: 3), rank: 1, score: 2e13 + 5),
            Waiter(member: "plain-member", rank: 2, score: 7),
        ], count: 3)

    static let orphanQueue = QueueEntity(key: Array("lock:queue:{gone}".utf8), resource: "gone", family: .locktop,
                                         waiters: [Waiter(member: token("web-9", 9, secondsAgo: 90), rank: 0, score: 3e13 + 1)], count: 1)

    static let saga = SagaEntity(
        key: Array("saga:order:{42}".utf8), name: "order", id: "42", status: "compensating",
        steps: [SagaStep(name: "reserve", state: "compensated", attempt: 1),
                SagaStep(name: "charge", state: "failed", attempt: 2, error: "card declined"),
                SagaStep(name: "ship", state: "pending", attempt: 0)],
        updatedAt: now.addingTimeInterval(-300), ttl: .noExpiry)

    static let transaction = TransactionEntity(key: Array("tx:{t-9}".utf8), id: "t-9", state: "prepared", participants: ["stock", "payment"],
                                               deadline: now.addingTimeInterval(-30), updatedAt: now.addingTimeInterval(-40), ttl: .remaining(.seconds(600)))

    static let stream = StreamEntity(key: Array("events:order:{42}".utf8), aggregate: "order", id: "42", length: 17, latest: [
        StreamEntry(id: "1700000090000-0", fields: [HashField(field: Array("type".utf8), value: Array("PaymentFailed".utf8))]),
        StreamEntry(id: "1700000080000-0", fields: [HashField(field: Array("type".utf8), value: Array("OrderPlaced".utf8)),
                                                    HashField(field: Array("amount".utf8), value: Array("12".utf8))]),
    ])

    static func snapshot(locks: [LockEntity] = locks, queues: [QueueEntity] = [queue, orphanQueue], at time: Date = takenAt) -> Snapshot {
        var entities: [[UInt8]: Entity] = [:]
        for lock in locks { entities[lock.key] = .lock(lock) }
        for queue in queues { entities[queue.key] = .queue(queue) }
        entities[saga.key] = .saga(saga)
        entities[transaction.key] = .transaction(transaction)
        entities[stream.key] = .stream(stream)
        return Snapshot(takenAt: time, entities: entities, scannedKeys: 1234)
    }

    static let events: [LiveEvent] = [
        LiveEvent(time: now.addingTimeInterval(-9), key: Array("lock:{coupon:123}".utf8), kind: .acquired),
        LiveEvent(time: now.addingTimeInterval(-6), key: Array("lock:{coupon:9}".utf8), kind: .released),
        LiveEvent(time: now.addingTimeInterval(-4), key: Array("lock:{file:a}".utf8), kind: .expired),
        LiveEvent(time: now.addingTimeInterval(-1), key: Array("lock:{coupon:123}".utf8), kind: .extended),
    ]

    /// A live report 4 s into a 10 s notified-lock simulation on `coupon:123`; client 4 has not acquired yet.
    static let simulationReport: SimulationReport = {
        let parameters = SimulationParameters(pattern: .notified, clients: 4, hold: .milliseconds(10),
                                              limit: .duration(.seconds(10)), resource: "coupon:123")
        let counts = [12, 40, 25, 0, 3, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0]
        let bounds = [Duration.zero] + WaitBucket.bounds
        let histogram = counts.indices.map { index in
            WaitBucket(lowerBound: bounds[index], upperBound: index < WaitBucket.bounds.count ? WaitBucket.bounds[index] : nil,
                       count: counts[index])
        }
        return SimulationReport(
            parameters: parameters, patternName: "notified (pub/sub)", lockKey: "locktop:sim:lock:{coupon:123}", isFinal: false,
            elapsed: .seconds(4), perClient: [30, 25, 27, 0], holding: 1, wait: WaitStatistics(
                p50: .microseconds(300), p90: .milliseconds(4), p99: .milliseconds(480), max: .milliseconds(510),
                mean: .milliseconds(12), count: 82),
            waitHistogram: histogram, busyFraction: 0.91, commandsPerAcquisition: 3.4,
            throughputHistory: [19, 21, 20, 22])
    }()

    /// A state with the fixture snapshot applied through `update`, as the runtime would.
    static func state(readOnly: Bool = false, size: Size = Size(width: 80, height: 24), snapshot: Snapshot = snapshot()) -> AppState {
        var state = AppState(session: .init(endpoint: "redis://127.0.0.1:6379", database: 0, readOnly: readOnly,
                                            themeNames: ["default", "solarized", "monochrome"]),
                             themeName: "default", size: size, now: now)
        state.timeZone = TimeZone(identifier: "UTC") ?? state.timeZone
        _ = update(&state, .feed(.mode(.notifications)))
        _ = update(&state, .feed(.snapshot(snapshot)))
        _ = update(&state, .feed(.events(events)))
        return state
    }

    /// Presses `keys` in order and returns every effect.
    @discardableResult
    static func press(_ keys: KeyEvent..., on state: inout AppState) -> [Effect] {
        keys.flatMap { update(&state, .key($0)) }
    }

    static func type(_ text: String, on state: inout AppState) {
        for character in text { _ = update(&state, .key(.character(character))) }
    }
}
