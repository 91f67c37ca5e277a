import Foundation
import LockInspector

/// The notification changes not yet undone, one per server, in a JSON file (see `NotificationGuard`).
public struct NotificationRecord: Sendable {
    public let file: URL

    public init(file: URL) { self.file = file }

    /// `$XDG_STATE_HOME/locktop/notifications.json`, else `~/.local/state/locktop/notifications.json`.
    public static func standard(environment: [String: String] = ProcessInfo.processInfo.environment) -> NotificationRecord {
        let base = environment["XDG_STATE_HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil }
            ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.local/state"
        return NotificationRecord(file: URL(fileURLWithPath: base).appendingPathComponent("locktop/notifications.json"))
    }

    public func change(for endpoint: String) -> NotificationChange? { all()[endpoint] }

    func save(_ change: NotificationChange) {
        var changes = all()
        changes[change.endpoint] = change
        write(changes)
    }

    func remove(endpoint: String) {
        var changes = all()
        guard changes.removeValue(forKey: endpoint) != nil else { return }
        write(changes)
    }

    private func all() -> [String: NotificationChange] {
        guard let data = try? Data(contentsOf: file) else { return [:] }
        return (try? JSONDecoder().decode([String: NotificationChange].self, from: data)) ?? [:]
    }

    /// Best effort: without a writable state folder the change is still undone at exit.
    private func write(_ changes: [String: NotificationChange]) {
        try? FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        if changes.isEmpty {
            try? FileManager.default.removeItem(at: file)
        } else if let data = try? JSONEncoder().encode(changes) {
            try? data.write(to: file, options: .atomic)
        }
    }
}
