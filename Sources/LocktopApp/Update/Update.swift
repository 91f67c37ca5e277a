import Foundation
import LockInspector

/// The one place state changes: applies `message` to `state` and returns the work to do.
/// Pure: no I/O, no clock, no randomness, so every key binding is tested without a terminal.
public func update(_ state: inout AppState, _ message: AppMessage) -> [Effect] {
    var effects: [Effect] = []
    switch message {
    case .feed(let feedUpdate):
        if state.pause != nil, state.hold(feedUpdate) { break }
        state.apply(feedUpdate)
    case .tick(let now):
        state.now = now
    case .resize(let size):
        state.size = size
    case .actionResult(let key, let action, let outcome):
        state.record(key: key, action: action, outcome: outcome)
    case .themeLoaded(let name, _, let warning):
        state.themeName = name
        state.statusMessage = warning
    case .simulation(let simulationUpdate):
        state.apply(simulationUpdate)
    case .serverDetected(let server):
        state.session.server = server
    case .discovered(let result):
        effects = state.apply(discovery: result)
    case .notice(let text):
        state.statusMessage = text
    case .orderBuilt(let order):
        state.install(order)
    case .key(.resize(let size)):
        state.size = size
    case .key(let key):
        effects = state.handle(key)
    }
    // Filter, sort and anomalies are redone here, only when their inputs changed, and kept
    // for the frames and keys until the next message.
    effects += state.refreshDerived()
    // Rows move (new snapshot, a filter, a sort): the selection follows its key, not its index.
    state.anchorSelection()
    return effects
}

extension AppState {
    mutating func apply(_ update: FeedUpdate) {
        switch update {
        case .snapshot(let snapshot):
            // The scan's own last progress report ends the bar: a first scan sends snapshots
            // of what it found so far while its bar still runs.
            // The first time a finished scan finds no lock (not a first scan's partial one), offer to look everywhere.
            if snapshot.locks.isEmpty, scanProgress == nil, !offeredDiscovery, statusMessage == nil {
                statusMessage = "no lock under the patterns: press D to look for locks in every key"
                offeredDiscovery = true
            }
            // Why owners or waiters show `?` (an ACL refusal), said once when it starts.
            if let refusal = snapshot.liveness?.refusal, refusal != self.snapshot.liveness?.refusal { statusMessage = refusal }
            self.snapshot = snapshot
            ttlTotals = ttlTotals.remembering(snapshot)
        case .progress(let progress):
            scanProgress = progress.finished ? nil : progress
        case .mode(let mode):
            feedMode = mode
        case .connection(let connection):
            self.connection = connection
            // A scan cut short by a lost connection reports no end.
            if case .reconnecting = connection { scanProgress = nil }
        case .events(let lines):
            append(lines)
        case .nodes(let nodes):
            clusterNodes = nodes
        case .failover(let state):
            failover = state
        case .redlock(let report):
            redlock = report
        }
    }

    mutating func append(_ lines: [LiveEvent]) {
        events.append(contentsOf: lines)
        if events.count > AppState.maximumEvents { events.removeFirst(events.count - AppState.maximumEvents) }
    }

    mutating func record(key: [UInt8], action: String, outcome: ActionOutcome) {
        statusMessage = "\(action) \(KeyText.full(key, limit: 120)): \(outcome.summary)"
        if action == Effect.forceReleaseName, outcome == .done {
            append([LiveEvent(time: now, key: key, kind: .forceReleased)])
        }
    }
}
