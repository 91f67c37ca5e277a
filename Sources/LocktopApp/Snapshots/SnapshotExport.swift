import Foundation
import LockInspector

/// What `w` keeps: the snapshot on screen (the paused one while paused), the live events, where
/// it came from and the moment shown. The runtime writes it off the UI thread (`SnapshotWriter`).
public struct SnapshotExport: Sendable, Hashable {
    public var snapshot: Snapshot
    public var events: [LiveEvent]
    /// The endpoint as the status line shows it.
    public var endpoint: String
    /// The moment the screen showed (anomalies are judged at it).
    public var shownAt: Date

    public init(snapshot: Snapshot, events: [LiveEvent], endpoint: String, shownAt: Date) {
        self.snapshot = snapshot
        self.events = events
        self.endpoint = endpoint
        self.shownAt = shownAt
    }

    // Effects are compared in tests; two exports of the same moment and data size count as the
    // same request (Snapshot itself is not Hashable: 100,000 locks are not worth hashing).
    public static func == (left: SnapshotExport, right: SnapshotExport) -> Bool {
        left.endpoint == right.endpoint && left.shownAt == right.shownAt && left.snapshot.takenAt == right.snapshot.takenAt
            && left.snapshot.count == right.snapshot.count && left.events.count == right.events.count
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(endpoint)
        hasher.combine(shownAt)
        hasher.combine(snapshot.count)
    }
}
