/// `w`: keeps what the screen shows for the post-mortem.
extension AppState {
    /// Asks the runtime to write the snapshot shown (the paused one while paused) with the events.
    mutating func writeSnapshot() -> [Effect] {
        guard snapshot.takenAt != .distantPast else {
            statusMessage = "snapshot: nothing scanned yet"
            return []
        }
        statusMessage = "writing a snapshot…"
        return [.writeSnapshot(SnapshotExport(snapshot: snapshot, events: events, endpoint: session.endpoint, shownAt: shownNow))]
    }
}
