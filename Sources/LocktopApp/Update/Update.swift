import Foundation
import LockInspector

/// The one place state changes: applies `message` to `state` and returns the work to do.
/// Pure: no I/O, no clock, no randomness, so every key binding is tested without a terminal.
public func update(_ state: inout AppState, _ message: AppMessage) -> [Effect] {
    switch message {
    case .feed(let feedUpdate):
        apply(feedUpdate, to: &state)
    case .tick(let now):
        state.now = now
    case .resize(let size):
        state.size = size
    case .actionResult(_, let action, let outcome):
        state.statusMessage = "\(action): \(outcome.summary)"
    case .themeLoaded(let name, _, let warning):
        state.themeName = name
        state.statusMessage = warning
    case .key(let key):
        if key == .character("q") {
            state.quitting = true
            return [.quit]
        }
        _ = key
    }
    return []
}

private func apply(_ update: FeedUpdate, to state: inout AppState) {
    switch update {
    case .snapshot(let snapshot):
        state.snapshot = snapshot
        state.scanProgress = nil
    case .progress(let progress):
        state.scanProgress = progress.finished ? nil : progress
    case .mode(let mode):
        state.feedMode = mode
    case .connection(let connection):
        state.connection = connection
    case .events(let lines):
        state.events.append(contentsOf: lines)
        if state.events.count > AppState.maximumEvents { state.events.removeFirst(state.events.count - AppState.maximumEvents) }
    }
}
