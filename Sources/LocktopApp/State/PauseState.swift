import Foundation
import LockInspector

/// What `space` froze: the moment the screen shows, and the feed's data held back meanwhile.
///
/// Held data is coalesced (the newest snapshot, every event), so a long pause costs at most
/// one more snapshot, and resuming shows the current state, not a replay.
public struct PauseState: Sendable {
    /// The clock when the pause began: TTLs and ages on screen are shown as of then.
    public var frozenAt: Date
    /// The newest snapshot that arrived while paused.
    var heldSnapshot: Snapshot?
    /// The newest Redlock comparison that arrived while paused.
    var heldRedlock: RedlockReport?
    /// Live events that arrived while paused, oldest first (bounded like the event list).
    var heldEvents: [LiveEvent] = []
    /// How many data updates arrived while paused, for the status line.
    public var heldUpdates = 0

    public init(frozenAt: Date) {
        self.frozenAt = frozenAt
    }
}
