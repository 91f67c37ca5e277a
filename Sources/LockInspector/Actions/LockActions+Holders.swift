import LockKit
import RedisClient

extension LockActions {
    /// Releases one holder of a LockKit read-write lock or semaphore, named by its member (the
    /// token the operator saw), with LockKit's own release, so the waiters it frees are woken.
    /// The other holders are not touched. Other layouts are refused: their holders are counted
    /// in structures that a release by hand would put out of step.
    public func releaseHolder(of lock: LockEntity, member: [UInt8]) async -> ActionOutcome {
        guard let place = Self.lockKitPlace(of: lock) else { return Self.otherLayout(lock) }
        let (script, channel) = place.role == .readWriteLock
            ? (ReadWriteLockScripts.release, place.schema.readWriteChannel(place.resource))
            : (HolderSetScripts.release, place.schema.semaphoreChannel(place.resource))
        return await holderOperation(lock.key, script, [member, channel])
    }

    /// Adds `extra` to one holder's own lease, only while that holder still holds it.
    public func extendHolder(of lock: LockEntity, member: [UInt8], by extra: Duration) async -> ActionOutcome {
        guard Self.lockKitPlace(of: lock) != nil else { return Self.otherLayout(lock) }
        let milliseconds = extra.wholeMilliseconds
        guard milliseconds > 0 else { return .failed("extend by a positive number of milliseconds") }
        return await holderOperation(lock.key, HolderSetScripts.renew, [member, milliseconds, "add"])
    }

    /// Runs a holder script: a positive reply is done; 0 means the holder is gone (nothing of
    /// anyone else's was touched), or the whole key is.
    private func holderOperation(_ key: [UInt8], _ script: RedisScript, _ arguments: [any RedisArgument]) async -> ActionOutcome {
        guard !readOnly else { return .refusedReadOnly }
        do {
            guard try await connection.capabilities().scripting else {
                return .unsupported("LockKit's read-write locks and semaphores need Lua, which this user may not run")
            }
            let reply = try await connection.run(script, keys: [key], arguments: arguments).int ?? 0
            if reply > 0 { return .done }
            return try await connection.send("EXISTS", key).int == 1 ? .ownerChanged : .keyGone
        } catch {
            return Self.outcome(of: error)
        }
    }

    private static func lockKitPlace(of lock: LockEntity) -> KeySchema.Place? {
        guard lock.family == .locktop, let name = String(validating: lock.key, as: UTF8.self),
              let place = KeySchema.place(of: name), place.role == .readWriteLock || place.role == .semaphore else { return nil }
        return place
    }

    private static func otherLayout(_ lock: LockEntity) -> ActionOutcome {
        .unsupported("releasing or extending one \(lock.family.rawValue) holder by hand would put its hold counts out of step; use its own library")
    }
}
