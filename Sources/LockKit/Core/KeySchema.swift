/// Every key name LockKit writes, in one place, so the inspector can find them all.
///
/// The default layout wraps the resource in a Redis Cluster hash tag (`lock:{coupon:123}`),
/// so every key one script touches (lock, queue, fence) lands in the same slot. The guide's
/// untagged layout (`lock:coupon:123`) is available for users who already run it.
///
/// A `namespace` goes in front of every name: the contention simulator writes under
/// `locktop:sim:` (`KeySchema.simulation`) so it never touches a real workload's keys.
public struct KeySchema: Sendable, Hashable {
    /// How resource names are placed in keys.
    public enum Layout: Sendable, Hashable {
        /// `lock:{resource}`, `lock:queue:{resource}`, ...: cluster-safe (the default).
        case hashTagged
        /// The guide's own: `lock:resource`, `lock:queue:lock:resource`, ...
        case guide
    }

    public var layout: Layout
    /// Put in front of every key and channel name; empty for real locks.
    public var namespace: String

    public init(layout: Layout = .hashTagged, namespace: String = "") {
        self.layout = layout
        self.namespace = namespace
    }

    public static let `default` = KeySchema()
    public static let guide = KeySchema(layout: .guide)
    /// The simulator's shadow keys: `locktop:sim:lock:{resource}`, `locktop:sim:lock:queue:{resource}`, ...
    public static let simulation = KeySchema(namespace: "locktop:sim:")

    private func tag(_ name: String) -> String {
        layout == .hashTagged ? "{\(name)}" : name
    }

    /// The lock itself: a string holding the owner token, with a PX TTL.
    public func lock(_ resource: String) -> String { namespace + "lock:" + tag(resource) }
    /// Pub/sub channel on which a release publishes `released`.
    public func releaseChannel(_ resource: String) -> String {
        namespace + (layout == .hashTagged ? "lock:channel:{\(resource)}" : "lock:channel:lock:\(resource)")
    }
    /// Pub/sub channel on which a hand-over lock (`FairLock`) wakes the waiters of one process
    /// by name (`next:<token>`); `process` is `OwnerToken.processTag`, the `<host>-<pid>` of
    /// the waiters' tokens. It shares the resource's hash tag.
    public func grantChannel(_ resource: String, process: String) -> String {
        namespace + (layout == .hashTagged ? "lock:grant:{\(resource)}:" : "lock:grant:lock:\(resource):") + process
    }
    /// Priority wait queue: a zset, lower score first.
    public func queue(_ resource: String) -> String {
        namespace + (layout == .hashTagged ? "lock:queue:{\(resource)}" : "lock:queue:lock:\(resource)")
    }
    /// Fencing counter, INCR per acquisition.
    public func fence(_ resource: String) -> String {
        namespace + (layout == .hashTagged ? "lock:fence:{\(resource)}" : "lock:fence:\(resource)")
    }
    /// Two-phase-commit record: a hash with state, participants, deadline.
    public func transaction(_ id: String) -> String { namespace + "tx:" + tag(id) }
    /// One participant's prepare record of a two-phase commit.
    public func transactionPrepare(_ id: String, participant: Int) -> String {
        namespace + (layout == .hashTagged ? "tx:{\(id)}:prepare:\(participant)" : "tx:prepare:\(id):participant:\(participant)")
    }
    /// Event stream of one aggregate instance.
    public func events(_ aggregate: String, _ id: String) -> String { namespace + "events:\(aggregate):" + tag(id) }
    /// Checkpoint of one aggregate instance's event stream.
    public func checkpoint(_ aggregate: String, _ id: String) -> String { namespace + "checkpoint:\(aggregate):" + tag(id) }
    /// Saga state: a hash with status, one field per step, updatedAt.
    public func saga(_ name: String, _ id: String) -> String { namespace + "saga:\(name):" + tag(id) }
}

extension KeySchema {
    /// Read-write lock: a zset of holders and waiting writers (`HolderMember`), scored by the
    /// server time (ms) their lease ends; the key expires with the latest lease.
    public func readWriteLock(_ resource: String) -> String { namespace + "rwlock:" + tag(resource) }
    /// Channel on which a read-write lock's releases wake its waiters.
    public func readWriteChannel(_ resource: String) -> String {
        namespace + (layout == .hashTagged ? "rwlock:channel:{\(resource)}" : "rwlock:channel:\(resource)")
    }
    /// Counting semaphore: a zset of permit holders scored by lease end (ms), plus `limit:<N>`
    /// scored +inf; the key expires with the latest lease.
    public func semaphore(_ resource: String) -> String { namespace + "semaphore:" + tag(resource) }
    /// Channel on which a semaphore's releases wake its waiters.
    public func semaphoreChannel(_ resource: String) -> String {
        namespace + (layout == .hashTagged ? "semaphore:channel:{\(resource)}" : "semaphore:channel:\(resource)")
    }

    /// A member of a read-write lock's or semaphore's zset: who holds (or waits) and how.
    public enum HolderMember: Sendable, Hashable {
        /// A read hold of a read-write lock.
        case reader(token: String)
        /// The write hold of a read-write lock.
        case writer(token: String)
        /// A writer waiting for a read-write lock; new readers wait behind it.
        case waitingWriter(token: String)
        /// A semaphore permit.
        case permit(token: String)
        /// A semaphore's permit count (scored +inf, never a holder).
        case limit(Int)

        /// The zset member as stored.
        public var member: String {
            switch self {
            case .reader(let token): "read:" + token
            case .writer(let token): "write:" + token
            case .waitingWriter(let token): "wait:" + token
            case .permit(let token): token
            case .limit(let permits): "limit:\(permits)"
            }
        }

        /// A read-write lock's member; nil for one of another layout.
        public init?(readWriteMember member: String) {
            if let token = Self.after("read:", in: member) { self = .reader(token: token) }
            else if let token = Self.after("write:", in: member) { self = .writer(token: token) }
            else if let token = Self.after("wait:", in: member) { self = .waitingWriter(token: token) }
            else { return nil }
        }

        /// A semaphore's member: its limit, or a permit holder's token.
        public init(semaphoreMember member: String) {
            if let count = Self.after("limit:", in: member).flatMap({ Int($0) }) { self = .limit(count) }
            else { self = .permit(token: member) }
        }

        private static func after(_ prefix: String, in member: String) -> String? {
            guard member.hasPrefix(prefix), member.count > prefix.count else { return nil }
            return String(member.dropFirst(prefix.count))
        }
    }
}
