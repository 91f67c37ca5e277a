import Foundation
import LockInspector
import RedisClient
import TerminalUI

/// Keeps `--enable-notifications` from outliving the dashboard: the server's
/// `notify-keyspace-events` is put back when locktop ends (quit, an error, Ctrl-C, SIGTERM).
///
/// Each change is also written to `$XDG_STATE_HOME/locktop/notifications.json` until it is
/// undone, so a locktop killed before it could restore (SIGKILL, a crash) is found out by the
/// next start on that server, which says what was left and, when it enables notifications
/// again, restores the setting the server had before the first one.
public final class NotificationGuard: Sendable {
    public let change: NotificationChange
    private let endpoint: RedisEndpoint
    private let record: NotificationRecord
    private let shutdown: SignalShutdown.Registration

    private init(change: NotificationChange, endpoint: RedisEndpoint, record: NotificationRecord) {
        self.change = change
        self.endpoint = endpoint
        self.record = record
        shutdown = SignalShutdown.register { [endpoint, change, record] in
            _ = await Self.undo(change, on: endpoint, record: record)
        }
    }

    /// Switches notifications on at `endpoint` if they are off. The guard is nil when nothing
    /// was changed; `notice` says what an earlier, killed locktop left, if anything.
    public static func enable(on endpoint: RedisEndpoint, record: NotificationRecord = .standard())
        async throws(RedisError) -> (guard: NotificationGuard?, notice: String?) {
        let connection = RedisConnection(endpoint: endpoint, options: RedisConnectionOptions(clientName: "locktop"))
        defer { Task { await connection.close() } }
        let leftover = record.change(for: endpoint.description)
        guard var change = try await NotificationSetting.enable(on: connection) else {
            // On already: by a killed locktop (then its change is ours to undo now), or by the operator.
            guard let leftover else { return (nil, nil) }
            return (NotificationGuard(change: leftover, endpoint: endpoint, record: record), leftoverNotice(leftover) + "; restored on exit")
        }
        if let leftover { change.original = leftover.original }
        record.save(change)
        return (NotificationGuard(change: change, endpoint: endpoint, record: record), leftover.map(leftoverNotice))
    }

    /// What a killed locktop left at `endpoint`, said once (nil if nothing).
    public static func leftover(at endpoint: RedisEndpoint, record: NotificationRecord = .standard()) -> String? {
        guard let change = record.change(for: endpoint.description) else { return nil }
        record.remove(endpoint: change.endpoint)
        return leftoverNotice(change) + "; put it back with CONFIG SET notify-keyspace-events '\(change.original)'"
    }

    /// Puts the setting back now; what happened, in words for the operator.
    public func restore() async -> String {
        shutdown.cancel()
        return await Self.undo(change, on: endpoint, record: record)
    }

    private static func undo(_ change: NotificationChange, on endpoint: RedisEndpoint, record: NotificationRecord) async -> String {
        let connection = RedisConnection(endpoint: endpoint, options: RedisConnectionOptions(clientName: "locktop"))
        defer { Task { await connection.close() } }
        do {
            switch try await NotificationSetting.restore(change, on: connection) {
            case .restored:
                record.remove(endpoint: change.endpoint)
                return "notify-keyspace-events on \(change.endpoint) put back to '\(change.original)'"
            case .changedSince(let current):
                record.remove(endpoint: change.endpoint)
                return "notify-keyspace-events on \(change.endpoint) was changed to '\(current)' by someone else; left as it is"
            }
        } catch {
            return "could not put notify-keyspace-events on \(change.endpoint) back to '\(change.original)': \(error)"
        }
    }

    private static func leftoverNotice(_ change: NotificationChange) -> String {
        "a locktop that did not exit cleanly set notify-keyspace-events on \(change.endpoint) to '\(change.applied)' (it was '\(change.original)')"
    }
}
