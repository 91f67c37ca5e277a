/// A view's rows in order, as sources, stored as small as the rows allow: the Locks view with
/// no filter and no sort is just a count, and locks in another order are 4-byte positions.
/// With 100,000 locks a plain `[RowSource]` would take 2.4 MB.
struct RowList: Sendable {
    private enum Storage: Sendable {
        /// `snapshot.locks` in their own order.
        case allLocks(count: Int)
        /// Positions in `snapshot.locks`.
        case locks([Int32])
        case listed([RowSource])
    }

    private let storage: Storage

    /// `sources`, stored compactly when they are all locks.
    init(_ sources: [RowSource]) {
        var positions: [Int32] = []
        positions.reserveCapacity(sources.count)
        for source in sources {
            guard case .lock(let index) = source, let position = Int32(exactly: index) else {
                storage = .listed(sources)
                return
            }
            positions.append(position)
        }
        let inOrder = positions.indices.allSatisfy { positions[$0] == Int32(truncatingIfNeeded: $0) }
        storage = inOrder ? .allLocks(count: positions.count) : .locks(positions)
    }

    /// Every lock of a snapshot with `count` locks, in their own order.
    static func allLocks(_ count: Int) -> RowList { RowList(storage: .allLocks(count: count)) }

    private init(storage: Storage) { self.storage = storage }

    var count: Int {
        switch storage {
        case .allLocks(let count): count
        case .locks(let positions): positions.count
        case .listed(let sources): sources.count
        }
    }

    var indices: Range<Int> { 0..<count }

    subscript(index: Int) -> RowSource {
        switch storage {
        case .allLocks: .lock(index)
        case .locks(let positions): .lock(Int(positions[index]))
        case .listed(let sources): sources[index]
        }
    }

    /// The sources in order (builds an array: for filtering and sorting).
    var sources: [RowSource] { indices.map { self[$0] } }
}
