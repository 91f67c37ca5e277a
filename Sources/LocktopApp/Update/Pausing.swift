import Foundation
import LockInspector

/// `space`: holds the screen still to read it; data arriving meanwhile is kept, not lost.
extension AppState {
    /// Pauses, or resumes showing what arrived meanwhile.
    mutating func togglePause() {
        guard session.replayFile == nil else {
            statusMessage = "replay: the saved snapshot never changes"
            return
        }
        guard let pause else {
            self.pause = PauseState(frozenAt: now)
            statusMessage = "paused: TTLs stop counting, updates are kept; space resumes"
            return
        }
        self.pause = nil
        if let snapshot = pause.heldSnapshot { apply(.snapshot(snapshot)) }
        if let redlock = pause.heldRedlock { apply(.redlock(redlock)) }
        if !pause.heldEvents.isEmpty { append(pause.heldEvents) }
        statusMessage = pause.heldUpdates == 0 ? "resumed: nothing changed meanwhile"
            : "resumed: showing \(pause.heldUpdates) update(s) that arrived while paused"
    }

    /// Keeps a data update for later while paused; false for updates about the connection and
    /// the scan, which the status line shows at once.
    mutating func hold(_ update: FeedUpdate) -> Bool {
        guard var pause else { return false }
        switch update {
        case .snapshot(let snapshot):
            pause.heldSnapshot = snapshot
        case .redlock(let report):
            pause.heldRedlock = report
        case .events(let lines):
            pause.heldEvents.append(contentsOf: lines)
            if pause.heldEvents.count > AppState.maximumEvents {
                pause.heldEvents.removeFirst(pause.heldEvents.count - AppState.maximumEvents)
            }
        case .progress, .mode, .connection, .nodes, .failover:
            return false
        }
        pause.heldUpdates += 1
        self.pause = pause
        return true
    }
}
