import LockKit

/// Where a lock's release is announced so that its waiters wake, as its layout says.
public struct ReleaseChannel: Sendable, Hashable {
    /// The pub/sub channel, exactly as the library names it.
    public var name: [UInt8]
    /// What a release publishes there (`released` for LockKit and the guide, `0` for Redisson).
    public var message: String

    public init(name: [UInt8], message: String) {
        self.name = name
        self.message = message
    }
}

/// Which rule names a lock's release channel. The recogniser sets it; `LockEntity` keeps this
/// one byte and makes the name from the key when asked, since a server may hold 100,000 locks.
public enum ReleaseSignal: UInt8, Sendable, Hashable {
    /// No channel (polling libraries, the guide's simple locks).
    case none
    /// `KeySchema.releaseChannel` of the layout the key is in (LockKit, the guide's `lock:` keys).
    case keySchema
    /// The guide's seed locks under other names: `lock:channel:` + the lock key.
    case guidePrefix
    /// Redisson: `redisson_lock__channel:{name}` (`:name` when the name has its own braces).
    case redisson

    /// The channel for the lock at `key`, by this rule.
    func channel(forKey key: [UInt8]) -> ReleaseChannel? {
        switch self {
        case .none:
            return nil
        case .keySchema:
            guard let text = String(validating: key, as: UTF8.self), let place = KeySchema.place(of: text) else { return nil }
            switch place.role {
            case .lock: return ReleaseChannel(name: Array(place.schema.releaseChannel(place.resource).utf8), message: "released")
            // A writer's release lets every waiting reader in.
            case .readWriteLock: return ReleaseChannel(name: Array(place.schema.readWriteChannel(place.resource).utf8), message: "released:all")
            case .semaphore: return ReleaseChannel(name: Array(place.schema.semaphoreChannel(place.resource).utf8), message: "released")
            default: return nil
            }
        case .guidePrefix:
            return ReleaseChannel(name: Array("lock:channel:".utf8) + key, message: "released")
        case .redisson:
            let wrapped = key.contains(UInt8(ascii: "{")) ? key : [UInt8(ascii: "{")] + key + [UInt8(ascii: "}")]
            return ReleaseChannel(name: Array("redisson_lock__channel:".utf8) + wrapped, message: "0")
        }
    }
}
