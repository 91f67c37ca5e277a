/// Collects entities into one array per kind, then sorts each by key and drops duplicate keys
/// (the later entity wins): how a `Snapshot` is built without a dictionary of every key.
struct SortedEntities {
    private var locks: [LockEntity] = []
    private var queues: [QueueEntity] = []
    private var transactions: [TransactionEntity] = []
    private var sagas: [SagaEntity] = []
    private var streams: [StreamEntity] = []
    private var others: [Entity] = []

    /// Entities collected so far (a key seen twice counts twice).
    var count: Int {
        locks.count + queues.count + transactions.count + sagas.count + streams.count + others.count
    }

    mutating func append(_ entity: Entity) {
        switch entity {
        case .lock(let lock): locks.append(lock)
        case .queue(let queue): queues.append(queue)
        case .transaction(let transaction): transactions.append(transaction)
        case .saga(let saga): sagas.append(saga)
        case .stream(let stream): streams.append(stream)
        case .auxiliary, .unknown: others.append(entity)
        }
    }

    /// Room for as many entities of each kind as `snapshot` has.
    mutating func reserve(like snapshot: Snapshot) {
        locks.reserveCapacity(snapshot.locks.count)
        queues.reserveCapacity(snapshot.queues.count)
        transactions.reserveCapacity(snapshot.transactions.count)
        sagas.reserveCapacity(snapshot.sagas.count)
        streams.reserveCapacity(snapshot.streams.count)
    }

    func finished() -> ([LockEntity], [QueueEntity], [TransactionEntity], [SagaEntity], [StreamEntity], [Entity]) {
        (Self.sorted(locks, \.key), Self.sorted(queues, \.key), Self.sorted(transactions, \.key),
         Self.sorted(sagas, \.key), Self.sorted(streams, \.key), Self.sorted(others, \.key))
    }

    /// `items` sorted by key bytes, keeping the last of equal keys.
    ///
    /// The sorted run at the front is kept as it is and only the rest is sorted, then merged
    /// in: after an update (unchanged entities in order, then the few changed ones) that is
    /// one pass; a scan's unordered entities are simply all sorted.
    private static func sorted<Item>(_ items: [Item], _ key: KeyPath<Item, [UInt8]>) -> [Item] {
        var run = 1
        while run < items.count, KeyOrder.precedes(items[run - 1][keyPath: key], items[run][keyPath: key]) { run += 1 }
        if run >= items.count { return items }
        let rest = deduplicated(items[run...], key)
        var result: [Item] = []
        result.reserveCapacity(run + rest.count)
        var front = 0, back = 0
        while front < run || back < rest.count {
            guard front < run else { result.append(rest[back]); back += 1; continue }
            guard back < rest.count else { result.append(items[front]); front += 1; continue }
            let left = items[front][keyPath: key], right = rest[back][keyPath: key]
            if KeyOrder.precedes(left, right) {
                result.append(items[front])
                front += 1
            } else {
                // On equal keys the later entity (from the rest) wins.
                if left == right { front += 1 }
                result.append(rest[back])
                back += 1
            }
        }
        return result
    }

    /// `items` sorted by key, keeping the last of equal keys.
    private static func deduplicated<Item>(_ items: ArraySlice<Item>, _ key: KeyPath<Item, [UInt8]>) -> [Item] {
        // Stable, so of equal keys the later stays later, and is the one kept.
        let ordered = items.enumerated().sorted { a, b in
            let left = a.element[keyPath: key], right = b.element[keyPath: key]
            if left == right { return a.offset < b.offset }
            return KeyOrder.precedes(left, right)
        }.map(\.element)
        var result: [Item] = []
        result.reserveCapacity(ordered.count)
        for (position, item) in ordered.enumerated()
        where position + 1 == ordered.count || ordered[position + 1][keyPath: key] != item[keyPath: key] {
            result.append(item)
        }
        return result
    }
}
