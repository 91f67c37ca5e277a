import Foundation
import LockInspector
import TerminalUI

/// The bottom row: where we are connected, scan progress, how fresh the data is, how it
/// arrives, and READ-ONLY on the right where it cannot be cut off.
struct StatusBar: Widget {
    var state: AppState
    var theme: Theme

    func render(in area: Rect, into frame: inout Frame) {
        guard !area.isEmpty else { return }
        var right: [Span] = []
        if let pause = state.pause { right.append(Span(Self.paused(pause, state), style: theme[.statusLine].patched(with: theme[.warning]).bold())) }
        if state.session.readOnly { right.append(Span(" READ-ONLY ", style: theme[.statusReadOnly])) }
        StatusLine().left(left).right(right).theme(theme).render(in: area, into: &frame)
    }

    private var left: [Span] {
        let line = theme[.statusLine]
        var spans = [Span(" \(state.session.endpoint) ", style: line.bold()), Span("db \(state.session.database)", style: line)]
        func segment(_ text: String, _ style: Style) {
            spans.append(Span(" │ ", style: line))
            spans.append(Span(text, style: style))
        }
        if let file = state.session.replayFile {
            // No connection, no feed, no clock: what the file holds, as of when it was taken.
            segment("REPLAY \(file)", line.patched(with: theme[.warning]).bold())
            if state.snapshot.takenAt != .distantPast {
                segment("taken \(TimeText.timestamp(state.snapshot.takenAt, in: state.timeZone))", line)
            }
            if let server = state.session.server { segment(server, line) }
            return spans
        }
        switch state.session.security {
        case .plain: break
        case .tls: segment("TLS", line)
        // Encrypted but anyone could be at the other end: the operator must not forget it.
        case .tlsInsecure: segment("TLS (insecure)", line.patched(with: theme[.warning]))
        }
        switch state.connection {
        case .connected: segment("connected", line.patched(with: theme[.ok]))
        case .reconnecting(let attempt, _): segment("reconnecting #\(attempt)", line.patched(with: theme[.critical]))
        }
        // Most urgent first: the right end is cut on a narrow terminal.
        if let failover = state.failover {
            segment("failover: \(failover)", line.patched(with: theme[.critical]))
        }
        if let nodes = state.clusterNodes {
            let healthy = nodes.allSatisfy(\.isReachable)
            let label = state.redlock == nil ? "cluster " : "redlock "
            segment(label + nodes.summary, line.patched(with: healthy ? theme[.ok] : theme[.critical]))
        }
        if let progress = state.scanProgress {
            segment("scan " + Self.bar(progress) + " \(Self.count(progress.scannedKeys))/\(Self.count(progress.totalKeys))", line)
        }
        if state.snapshot.takenAt == .distantPast {
            segment("no data yet", line)
        } else if !state.isStale, state.feedMode == .notifications {
            // Keyspace events keep the snapshot current; its age only says nothing changed.
            segment("live", line)
        } else {
            let age = TimeText.duration(seconds: state.now.timeIntervalSince(state.snapshot.takenAt))
            segment(state.isStale ? "stale \(age)" : "data \(age)", state.isStale ? line.patched(with: theme[.warning]) : line)
        }
        switch state.feedMode {
        case .notifications: segment("notifications", line)
        case .polling(let reason): segment("polling: \(reason)", line.patched(with: theme[.warning]))
        case nil: break
        }
        // Last: it never changes, so it is what a narrow terminal can best do without.
        if let server = state.session.server { segment(server, line) }
        return spans
    }

    /// ` PAUSED 12s · data 14s old · TTLs frozen · 3 held `: how long, how old what is shown is,
    /// and that the countdowns stand still.
    static func paused(_ pause: PauseState, _ state: AppState) -> String {
        var text = " PAUSED \(TimeText.duration(seconds: state.now.timeIntervalSince(pause.frozenAt)))"
        if state.snapshot.takenAt != .distantPast {
            text += " · data \(TimeText.duration(seconds: state.now.timeIntervalSince(state.snapshot.takenAt))) old"
        }
        text += " · TTLs frozen"
        if pause.heldUpdates > 0 { text += " · \(pause.heldUpdates) held" }
        return text + " "
    }

    /// Ten cells of `█` and `░`: the share of the keyspace scanned.
    static func bar(_ progress: ScanProgress) -> String {
        let fraction = progress.totalKeys > 0 ? min(1, Double(progress.scannedKeys) / Double(progress.totalKeys)) : 0
        let filled = Int((fraction * 10).rounded(.down))
        return String(repeating: "█", count: filled) + String(repeating: "░", count: 10 - filled)
    }

    /// `950`, `12.3k`, `10.0M`.
    static func count(_ value: Int) -> String {
        switch value {
        case ..<1000: "\(value)"
        case ..<1_000_000: String(format: "%.1fk", Double(value) / 1e3)
        default: String(format: "%.1fM", Double(value) / 1e6)
        }
    }
}
