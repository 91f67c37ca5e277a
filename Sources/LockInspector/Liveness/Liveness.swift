import Foundation
import LockKit

/// Whether a lock's owner still has a connection open.
public enum OwnerStatus: String, Sendable, Hashable, Codable {
    /// A connection named for the owner's host and pid (or Redisson client id) is open.
    case alive
    /// The owner names its connections and none of its is open: it crashed or was cut off.
    case gone
    /// The owner cannot be matched to a connection (its token names no process, or
    /// `CLIENT LIST` was refused).
    case unknown = "?"

    /// One character for the Locks view's OWNER column.
    public var mark: String {
        switch self {
        case .alive: "✓"
        case .gone: "✗"
        case .unknown: "?"
        }
    }
}

/// What one look at the server's connections found: the processes that hold LockKit
/// connections (named `<name>/<host>/<pid>`, see `ConnectionNaming`), every connection name
/// (for Redisson client ids an application put in its names), and the subscribers of each
/// release channel that has any. Read once per full scan (`Liveness.read`).
public struct Liveness: Sendable, Hashable {
    /// `host/pid` of every process with a LockKit-named connection; nil when CLIENT LIST was refused.
    public var processes: Set<String>?
    /// Every connection name, for matching Redisson client ids; empty when CLIENT LIST was refused.
    public var connectionNames: [String]
    /// Subscribers per release channel (only channels with any); nil when PUBSUB was refused.
    public var subscribers: [[UInt8]: Int]?
    /// Why a column shows `?` for everything, once, for the status line; nil when all was read.
    public var refusal: String?
    /// How many connections CLIENT LIST reported.
    public var clientCount: Int

    public init(processes: Set<String>?, connectionNames: [String] = [], subscribers: [[UInt8]: Int]?,
                refusal: String? = nil, clientCount: Int = 0) {
        self.processes = processes
        self.connectionNames = connectionNames
        self.subscribers = subscribers
        self.refusal = refusal
        self.clientCount = clientCount
    }

    /// The liveness `CLIENT LIST`'s connections give (subscribers not read).
    public init(clients: ClientList) {
        var processes = Set<String>()
        for client in clients.clients {
            if let owner = ConnectionNaming.owner(ofConnectionName: client.name) { processes.insert("\(owner.host)/\(owner.pid)") }
        }
        self.init(processes: processes, connectionNames: clients.clients.compactMap { $0.name.isEmpty ? nil : String($0.name) },
                  subscribers: nil, clientCount: clients.clients.count)
    }

    /// Whether `lock`'s first holder is alive: LockKit owners by host and pid; Redisson owners
    /// only when some connection's name carries their client id (Redisson does not name its
    /// connections by itself); everyone else is `unknown`.
    public func status(of lock: LockEntity) -> OwnerStatus {
        guard let processes, let owner = lock.firstOwner else { return .unknown }
        if lock.family == .locktop, let host = owner.host, let pid = owner.pid {
            return processes.contains("\(host)/\(pid)") ? .alive : .gone
        }
        if lock.family == .redisson, let client = owner.host, connectionNames.contains(where: { $0.contains(client) }) {
            return .alive
        }
        return .unknown
    }

    /// Subscribers waiting on `lock`'s release channel; nil when the layout has none or PUBSUB was refused.
    public func waiters(of lock: LockEntity) -> Int? {
        guard let subscribers, let channel = lock.releaseChannel else { return nil }
        return subscribers[channel.name] ?? 0
    }

    /// Locks whose owner is gone.
    public func goneOwners(in locks: [LockEntity]) -> [LockEntity] {
        guard processes != nil else { return [] }
        return locks.filter { status(of: $0) == .gone }
    }
}
