import Foundation

/// Everything seen in one Redis at one moment. Immutable: views render snapshots, never replies.
public struct Snapshot: Sendable {
    public let takenAt: Date
    /// Every classified key, by key bytes.
    public let entities: [[UInt8]: Entity]
    /// Keys the last full scan visited (all keys, before pattern filtering).
    public let scannedKeys: Int

    public init(takenAt: Date, entities: [[UInt8]: Entity], scannedKeys: Int) {
        self.takenAt = takenAt
        self.entities = entities
        self.scannedKeys = scannedKeys
    }

    public static let empty = Snapshot(takenAt: .distantPast, entities: [:], scannedKeys: 0)

    /// A copy with some keys replaced (or removed, for `nil`), taken at `now`.
    public func updating(_ changes: [[UInt8]: Entity?], at now: Date) -> Snapshot {
        var entities = self.entities
        for (key, entity) in changes { entities[key] = entity }
        return Snapshot(takenAt: now, entities: entities, scannedKeys: scannedKeys)
    }

    public var locks: [LockEntity] {
        entities.values.compactMap { if case .lock(let lock) = $0 { lock } else { nil } }.sorted { $0.key.lexicographicallyPrecedes($1.key) }
    }

    public var queues: [QueueEntity] {
        entities.values.compactMap { if case .queue(let queue) = $0 { queue } else { nil } }.sorted { $0.key.lexicographicallyPrecedes($1.key) }
    }

    public var transactions: [TransactionEntity] {
        entities.values.compactMap { if case .transaction(let tx) = $0 { tx } else { nil } }.sorted { $0.key.lexicographicallyPrecedes($1.key) }
    }

    public var sagas: [SagaEntity] {
        entities.values.compactMap { if case .saga(let saga) = $0 { saga } else { nil } }.sorted { $0.key.lexicographicallyPrecedes($1.key) }
    }

    public var streams: [StreamEntity] {
        entities.values.compactMap { if case .stream(let stream) = $0 { stream } else { nil } }.sorted { $0.key.lexicographicallyPrecedes($1.key) }
    }

    /// Keys matching the patterns that no recogniser claimed.
    public var unknown: [(key: [UInt8], type: KeyType)] {
        entities.values.compactMap { if case .unknown(let key, let type, _) = $0 { (key, type) } else { nil } }
            .sorted { $0.key.lexicographicallyPrecedes($1.key) }
    }
}
