import Foundation

/// Everything seen in one Redis at one moment. Immutable: views render snapshots, never replies.
///
/// Each kind of entity is stored once, in an array sorted by key: views read those on every
/// frame, and a key is found by binary search, so no dictionary of every key is kept beside
/// them (with 100,000 locks that alone would be tens of megabytes).
public struct Snapshot: Sendable {
    public let takenAt: Date
    /// Keys the last full scan visited (all keys, before pattern filtering).
    public let scannedKeys: Int
    /// Each kind of entity, sorted by key bytes.
    public let locks: [LockEntity]
    public let queues: [QueueEntity]
    public let transactions: [TransactionEntity]
    public let sagas: [SagaEntity]
    public let streams: [StreamEntity]
    /// Supporting and unrecognised keys (`.auxiliary`, `.unknown`), sorted by key.
    let others: [Entity]
    /// Which lock owners still have a connection, and who waits on release channels, as read
    /// with the last full scan (`Liveness.read`); nil when not read.
    public var liveness: Liveness?

    /// A snapshot of `entities`; of two entities with the same key the later one is kept.
    public init(takenAt: Date, entities: some Sequence<Entity>, scannedKeys: Int) {
        self.takenAt = takenAt
        self.scannedKeys = scannedKeys
        var sorted = SortedEntities()
        for entity in entities { sorted.append(entity) }
        (locks, queues, transactions, sagas, streams, others) = sorted.finished()
    }

    /// A snapshot of the classified keys in `entities` (the key in the dictionary is the entity's).
    public init(takenAt: Date, entities: [[UInt8]: Entity], scannedKeys: Int) {
        self.init(takenAt: takenAt, entities: entities.values, scannedKeys: scannedKeys)
    }

    public static let empty = Snapshot(takenAt: .distantPast, entities: [Entity](), scannedKeys: 0)

    /// How many classified keys the snapshot holds.
    public var count: Int {
        locks.count + queues.count + transactions.count + sagas.count + streams.count + others.count
    }

    /// Keys matching the patterns that no recogniser claimed.
    public var unknown: [(key: [UInt8], type: KeyType)] {
        others.compactMap { entity in
            if case .unknown(let key, let type, _) = entity { return (key, type) }
            return nil
        }
    }

    /// Every classified key, in no particular order.
    public var keys: [[UInt8]] {
        locks.map(\.key) + queues.map(\.key) + transactions.map(\.key) + sagas.map(\.key) + streams.map(\.key) + others.map(\.key)
    }

    /// What `key` was classified as, if the snapshot has it (a binary search per kind).
    public func entity(for key: [UInt8]) -> Entity? {
        if let lock = Self.find(key, in: locks, by: \.key) { return .lock(lock) }
        if let queue = Self.find(key, in: queues, by: \.key) { return .queue(queue) }
        if let transaction = Self.find(key, in: transactions, by: \.key) { return .transaction(transaction) }
        if let saga = Self.find(key, in: sagas, by: \.key) { return .saga(saga) }
        if let stream = Self.find(key, in: streams, by: \.key) { return .stream(stream) }
        return Self.find(key, in: others, by: \.key)
    }

    /// `entity`, sharing the strings of this snapshot's entity for the same key where they
    /// are equal: a rescan or poll that re-reads 100,000 unchanged locks then allocates only
    /// the new arrays, not a second copy of every key and token.
    func sharingStorage(_ entity: Entity) -> Entity {
        guard case .lock(let lock) = entity, let old = Self.find(lock.key, in: locks, by: \.key) else { return entity }
        return .lock(lock.sharingStorage(with: old))
    }

    /// A copy with some keys replaced (or removed, for `nil`), taken at `now`.
    ///
    /// The arrays stay sorted: unchanged entities are copied in order and only the changed
    /// ones are sorted in, so a handful of changes to 100,000 locks costs one pass.
    public func updating(_ changes: [[UInt8]: Entity?], at now: Date) -> Snapshot {
        guard !changes.isEmpty else { return Snapshot(takenAt: now, copying: self) }
        var sorted = SortedEntities()
        sorted.reserve(like: self)
        func keep<Item>(_ items: [Item], _ key: KeyPath<Item, [UInt8]>, _ wrap: (Item) -> Entity) {
            for item in items where changes[item[keyPath: key]] == nil { sorted.append(wrap(item)) }
        }
        keep(locks, \.key, Entity.lock)
        keep(queues, \.key, Entity.queue)
        keep(transactions, \.key, Entity.transaction)
        keep(sagas, \.key, Entity.saga)
        keep(streams, \.key, Entity.stream)
        keep(others, \.key) { $0 }
        for case .some(let entity) in changes.values { sorted.append(entity) }
        var updated = Snapshot(takenAt: now, scannedKeys: scannedKeys, sorted: sorted)
        updated.liveness = liveness
        return updated
    }

    private init(takenAt: Date, copying other: Snapshot) {
        self.takenAt = takenAt
        scannedKeys = other.scannedKeys
        locks = other.locks
        queues = other.queues
        transactions = other.transactions
        sagas = other.sagas
        streams = other.streams
        others = other.others
        liveness = other.liveness
    }

    /// A snapshot of the entities collected in `sorted`.
    init(takenAt: Date, scannedKeys: Int, sorted: SortedEntities) {
        self.takenAt = takenAt
        self.scannedKeys = scannedKeys
        (locks, queues, transactions, sagas, streams, others) = sorted.finished()
    }

    /// The element whose key is `key` in `items`, sorted by key bytes.
    private static func find<Item>(_ key: [UInt8], in items: [Item], by keyPath: KeyPath<Item, [UInt8]>) -> Item? {
        var low = 0, high = items.count
        while low < high {
            let middle = (low + high) / 2
            let candidate = items[middle][keyPath: keyPath]
            if candidate == key { return items[middle] }
            if KeyOrder.precedes(candidate, key) { low = middle + 1 } else { high = middle }
        }
        return nil
    }
}
