import LockInspector
import TerminalUI

/// What sits on top of the view and takes the keys until it closes.
public enum Overlay: Sendable, Hashable {
    /// The key list, generated from `KeyMap`.
    case help
    /// A yes/no question before a change to the server.
    case confirm(PendingAction)
    /// The "extend by how many milliseconds" prompt for a lock.
    case extend(ExtendTarget, TextInput)
    /// The `c` dialog: what contention to simulate.
    case simulate(SimulationForm)
}

/// A change the operator asked for and has to confirm; it carries exactly what they saw.
public enum PendingAction: Sendable, Hashable {
    /// Delete `key` only while it holds `token` (the token shown when `d` was pressed).
    case forceRelease(key: [UInt8], token: [UInt8], releaseChannel: String?, owner: String)
    /// Take `member` out of `queue`.
    case removeWaiter(queue: QueueEntity, member: [UInt8], shown: String)
    /// Release one holder (`member`, as seen) of a read-write lock or semaphore.
    case releaseHolder(lock: LockEntity, member: [UInt8], shown: String)

    /// The effect that carries the action out.
    public var effect: Effect {
        switch self {
        case .forceRelease(let key, let token, let channel, _): .forceRelease(key: key, token: token, releaseChannel: channel)
        case .removeWaiter(let queue, let member, _): .removeWaiter(queue: queue, member: member)
        case .releaseHolder(let lock, let member, _): .releaseHolder(lock: lock, member: member)
        }
    }
}

/// The lock an extend prompt is for, with the token seen when `e` was pressed.
public struct ExtendTarget: Sendable, Hashable {
    public var key: [UInt8]
    public var token: [UInt8]
    /// Set when the prompt extends one holder (`token` is its member) of this shared lock.
    public var holderOf: LockEntity?

    public init(key: [UInt8], token: [UInt8], holderOf: LockEntity? = nil) {
        self.key = key
        self.token = token
        self.holderOf = holderOf
    }

    /// The effect that adds `extra` to the lock's, or the one holder's, lease.
    func effect(adding extra: Duration) -> Effect {
        if let holderOf { return .extendHolder(lock: holderOf, member: token, by: extra) }
        return .extend(key: key, token: token, by: extra)
    }
}
