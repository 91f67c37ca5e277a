import Foundation
import RedisClient

/// What `Saga.breakAbandonedLock()` found on the saga's lock.
public enum AbandonedLockCheck: Sendable, Hashable {
    /// Nobody holds it.
    case free
    /// Its holder was a process of this host that no longer exists; the lock was released.
    case released(owner: OwnerToken)
    /// Its holder is a process of this host that is still running.
    case heldByLiveProcess(owner: OwnerToken)
    /// Held by another host (or a token without host and pid): only its TTL can free it.
    case heldElsewhere(owner: OwnerToken)
}

extension Saga {
    /// Releases the saga's lock if its owner token names a process of this host that no
    /// longer exists, so a resume need not wait out the TTL of a crashed driver's lock.
    ///
    /// The release compares the token atomically, so a lock a live process took meanwhile is
    /// never touched. Assumes host names are unique among processes sharing this Redis and
    /// that pids are those of this host's pid namespace (not true across containers that share a host name).
    public func breakAbandonedLock() async throws(TransactionError) -> AbandonedLockCheck {
        let lock = DistributedLock(connection: connection, schema: options.schema)
        let owner: OwnerToken
        do {
            guard let current = try await lock.owner(lockResource) else { return .free }
            owner = current
        } catch { throw .lock(error) }
        guard let parts = owner.parts, parts.host == OwnerToken.hostName else { return .heldElsewhere(owner: owner) }
        guard !Self.processExists(parts.pid) else { return .heldByLiveProcess(owner: owner) }
        do {
            _ = try await lock.forceRelease(lockResource, ifOwnedBy: owner)
        } catch { throw .lock(error) }
        return .released(owner: owner)
    }

    /// What a process does for a saga whose driver crashed: frees the lock of a dead local
    /// driver (`breakAbandonedLock`), then `resume`s, waiting up to `lockWait` for any other holder.
    public func recover() async throws(TransactionError) -> SagaOutcome {
        _ = try await breakAbandonedLock()
        return try await resume()
    }

    static func processExists(_ pid: Int32) -> Bool {
        guard pid > 0 else { return false }
        // EPERM: it exists but belongs to another user.
        return kill(pid, 0) == 0 || errno == EPERM
    }
}

/// An unfinished saga found in Redis.
public struct UnfinishedSaga: Sendable, Hashable {
    /// The saga id, as passed to `Saga(name:id:...)`.
    public let id: String
    /// Its persisted state.
    public let record: SagaRecord
}

/// Finding sagas to recover after a restart.
public enum SagaRecovery {
    /// Every saga named `name` that is not completed or failed (SCAN, never KEYS), so a
    /// restarted service can rebuild and `recover()` each.
    public static func unfinished(name: String, on connection: RedisConnection,
                                  schema: KeySchema = .default) async throws(TransactionError) -> [UnfinishedSaga] {
        let marker = "\u{1}"
        let template = schema.saga(name, marker)
        guard let markerRange = template.range(of: marker) else { return [] }
        let prefix = String(template[..<markerRange.lowerBound])
        let suffix = String(template[markerRange.upperBound...])
        let pattern = globEscaped(prefix) + "*" + globEscaped(suffix)
        var found: [UnfinishedSaga] = []
        var cursor = "0"
        repeat {
            let reply: RESPValue
            do {
                reply = try await connection.send("SCAN", cursor, "MATCH", pattern, "COUNT", 1000, "TYPE", "hash")
            } catch { throw .redis(error) }
            guard let parts = reply.array, parts.count == 2, let next = parts[0].string, let keys = parts[1].array else {
                throw .malformed(key: pattern, reason: "unexpected SCAN reply \(reply)")
            }
            cursor = next
            for key in keys.compactMap(\.string) where key.hasPrefix(prefix) && key.hasSuffix(suffix) {
                let id = String(key.dropFirst(prefix.count).dropLast(suffix.count))
                if let record = try await SagaRecord.load(key, on: connection), !record.status.isFinished {
                    found.append(UnfinishedSaga(id: id, record: record))
                }
            }
        } while cursor != "0"
        return found.sorted { $0.id < $1.id }
    }

    private static func globEscaped(_ text: String) -> String {
        var escaped = ""
        for character in text {
            if "*?[]\\".contains(character) { escaped.append("\\") }
            escaped.append(character)
        }
        return escaped
    }
}
