import Synchronization

/// Names one version of data rows are derived from (the snapshot, the events). Every change
/// takes a number never used before in the process, so a cache stamped with a revision is
/// current exactly when the state still carries that revision.
struct DataRevision: Sendable, Hashable {
    private static let counter = Atomic<UInt64>(0)

    private let value: UInt64

    /// A revision no other change has.
    static func next() -> DataRevision {
        DataRevision(value: counter.add(1, ordering: .relaxed).newValue)
    }
}
