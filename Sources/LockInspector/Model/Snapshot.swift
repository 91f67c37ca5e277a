import Foundation

/// Everything seen in one Redis at one moment. Immutable: views render snapshots, never replies.
public struct Snapshot: Sendable {
    public let takenAt: Date
    /// Every classified key, by key bytes.
    public let entities: [[UInt8]: Entity]
    /// Keys the last full scan visited (all keys, before pattern filtering).
    public let scannedKeys: Int
    /// Each kind of entity, sorted by key once here: views read them on every frame.
    public let locks: [LockEntity]
    public let queues: [QueueEntity]
    public let transactions: [TransactionEntity]
    public let sagas: [SagaEntity]
    public let streams: [StreamEntity]
    /// Keys matching the patterns that no recogniser claimed.
    public let unknown: [(key: [UInt8], type: KeyType)]

    public init(takenAt: Date, entities: [[UInt8]: Entity], scannedKeys: Int) {
        self.takenAt = takenAt
        self.entities = entities
        self.scannedKeys = scannedKeys
        var locks: [LockEntity] = [], queues: [QueueEntity] = [], transactions: [TransactionEntity] = []
        var sagas: [SagaEntity] = [], streams: [StreamEntity] = [], unknown: [(key: [UInt8], type: KeyType)] = []
        for entity in entities.values {
            switch entity {
            case .lock(let lock): locks.append(lock)
            case .queue(let queue): queues.append(queue)
            case .transaction(let transaction): transactions.append(transaction)
            case .saga(let saga): sagas.append(saga)
            case .stream(let stream): streams.append(stream)
            case .unknown(let key, let type, _): unknown.append((key, type))
            case .auxiliary: break
            }
        }
        self.locks = locks.sorted { KeyOrder.precedes($0.key, $1.key) }
        self.queues = queues.sorted { KeyOrder.precedes($0.key, $1.key) }
        self.transactions = transactions.sorted { KeyOrder.precedes($0.key, $1.key) }
        self.sagas = sagas.sorted { KeyOrder.precedes($0.key, $1.key) }
        self.streams = streams.sorted { KeyOrder.precedes($0.key, $1.key) }
        self.unknown = unknown.sorted { KeyOrder.precedes($0.key, $1.key) }
    }

    public static let empty = Snapshot(takenAt: .distantPast, entities: [:], scannedKeys: 0)

    /// A copy with some keys replaced (or removed, for `nil`), taken at `now`.
    public func updating(_ changes: [[UInt8]: Entity?], at now: Date) -> Snapshot {
        var entities = self.entities
        for (key, entity) in changes { entities[key] = entity }
        return Snapshot(takenAt: now, entities: entities, scannedKeys: scannedKeys)
    }
}
