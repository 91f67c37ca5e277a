import LockKit

/// The names of every key a simulation writes, so they can all be cleaned up.
public struct SimulationKeys: Sendable, Hashable {
    /// What the simulation's shadow keys start with; nothing else lives under it.
    public static let shadowPrefix = KeySchema.simulation.namespace

    /// The schema the clients' locks use.
    public let schema: KeySchema
    public let resource: String
    /// Whether the keys are the real lock's (then only what the simulation owns is removed).
    public let isReal: Bool

    public init(resource: String, targetsRealKey: Bool) {
        self.resource = resource
        isReal = targetsRealKey
        schema = targetsRealKey ? .default : .simulation
    }

    /// The contended lock.
    public var lock: String { schema.lock(resource) }

    /// The key `pattern`'s clients contend for.
    public func contended(by pattern: SimulationPattern) -> String {
        switch pattern {
        case .rwlock: schema.readWriteLock(resource)
        case .semaphore: schema.semaphore(resource)
        default: lock
        }
    }

    /// The mutual-exclusion check: a string naming the client inside the critical section.
    /// Always a shadow key, also when the real lock is targeted: only the simulation writes it.
    public var exclusionCheck: String { Self.shadowPrefix + "check:{\(resource)}" }
    /// How many clients are inside a shared section (readers, permit holders); a shadow key too.
    public var sharedCheck: String { Self.shadowPrefix + "check:shared:{\(resource)}" }
    /// Both check keys.
    public var exclusionChecks: [String] { [exclusionCheck, sharedCheck] }

    /// Keys to delete when the simulation ends: every key a pattern may create for the
    /// resource (lock, queue, heartbeats, arrivals, fence) plus the check. For a real key,
    /// only the check: the lock and its queue may belong to real workers by then.
    public var cleanup: [String] {
        guard !isReal else { return exclusionChecks }
        return [lock, schema.queue(resource), schema.queueDeadlines(resource), schema.queueArrivals(resource),
                schema.fence(resource), schema.readWriteLock(resource), schema.semaphore(resource)] + exclusionChecks
    }
}
