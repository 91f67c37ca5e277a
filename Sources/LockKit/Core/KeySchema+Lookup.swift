extension KeySchema {
    /// What one of LockKit's key (or channel) names is for.
    public enum Role: String, Sendable, Hashable, CaseIterable {
        case lock, releaseChannel, queue, queueDeadlines, queueArrivals, fence
        case transaction, transactionPrepare, events, checkpoint, saga
        case readWriteLock, readWriteChannel, semaphore, semaphoreChannel
    }

    /// A name taken apart: its role, the layout that wrote it, the resource (or transaction,
    /// stream or saga id) it serves, and for events, checkpoints and sagas the aggregate or
    /// saga name.
    public struct Place: Sendable, Hashable {
        public var role: Role
        public var schema: KeySchema
        /// The resource a lock key guards; the id of a transaction, stream or saga.
        public var resource: String
        /// The aggregate of an event stream or checkpoint, the name of a saga; empty otherwise.
        public var name: String

        public init(role: Role, schema: KeySchema, resource: String, name: String = "") {
            self.role = role
            self.schema = schema
            self.resource = resource
            self.name = name
        }
    }

    /// The layouts the reverse lookup tries, most specific first: the simulator's shadow
    /// keys, then the default (hash-tagged) layout, then the guide's untagged one.
    public static let known: [KeySchema] = [.simulation, .default, .guide]

    /// Which of the known layouts' names `key` is, if any: the reverse of the name functions,
    /// so that `place(of: schema.queue(r))` gives `.queue`, `schema` and `r`.
    public static func place(of key: String) -> Place? {
        for schema in known {
            if let place = schema.place(of: key) { return place }
        }
        return nil
    }

    /// Which of this layout's names `key` is, if any.
    public func place(of key: String) -> Place? {
        guard key.hasPrefix(namespace) else { return nil }
        let name = Substring(key.dropFirst(namespace.count))
        // Longest prefixes first: `lock:queue:deadlines:` before `lock:queue:` before `lock:`.
        let lockScoped: [(Role, String)] = layout == .hashTagged
            ? [(.queueDeadlines, "lock:queue:deadlines:"), (.queueArrivals, "lock:queue:arrivals:"), (.queue, "lock:queue:"),
               (.releaseChannel, "lock:channel:"), (.fence, "lock:fence:"), (.lock, "lock:")]
            : [(.queueDeadlines, "lock:queue:deadlines:lock:"), (.queueArrivals, "lock:queue:arrivals:lock:"), (.queue, "lock:queue:lock:"),
               (.releaseChannel, "lock:channel:lock:"), (.fence, "lock:fence:"), (.lock, "lock:")]
        for (role, prefix) in lockScoped where name.hasPrefix(prefix) {
            guard let resource = placed(name.dropFirst(prefix.count)) else { return nil }
            // The guide's `lock:queue:x` is a queue, never the lock on `queue:x`.
            if role == .lock, layout == .guide, Self.guideReserved.contains(where: { name.hasPrefix($0) }) { return nil }
            return Place(role: role, schema: self, resource: String(resource))
        }
        // Channels first: `rwlock:channel:{r}` is not the lock on `channel:{r}`.
        for (role, prefix) in [(Role.readWriteChannel, "rwlock:channel:"), (.readWriteLock, "rwlock:"),
                               (.semaphoreChannel, "semaphore:channel:"), (.semaphore, "semaphore:")] where name.hasPrefix(prefix) {
            guard let resource = placed(name.dropFirst(prefix.count)) else { return nil }
            return Place(role: role, schema: self, resource: String(resource))
        }
        if name.hasPrefix("tx:") { return transactionPlace(name.dropFirst(3)) }
        for (role, prefix) in [(Role.events, "events:"), (.checkpoint, "checkpoint:"), (.saga, "saga:")] where name.hasPrefix(prefix) {
            let rest = name.dropFirst(prefix.count)
            guard let colon = rest.firstIndex(of: ":"), let id = placed(rest[rest.index(after: colon)...]) else { return nil }
            return Place(role: role, schema: self, resource: String(id), name: String(rest[..<colon]))
        }
        return nil
    }

    /// The guide's lock-scoped prefixes that are not themselves locks.
    private static let guideReserved = ["lock:queue:", "lock:channel:", "lock:fence:"]

    /// `{resource}` in the tagged layout (nothing after the closing brace), the rest as it is in the guide's.
    private func placed(_ rest: Substring) -> Substring? {
        guard !rest.isEmpty else { return nil }
        guard layout == .hashTagged else { return rest }
        guard rest.first == "{", rest.last == "}", rest.count >= 3 else { return nil }
        return rest.dropFirst().dropLast()
    }

    /// `tx:{id}`, `tx:{id}:prepare:<i>` (tagged); `tx:id`, `tx:prepare:<id>:participant:<i>` (guide).
    private func transactionPlace(_ rest: Substring) -> Place? {
        switch layout {
        case .hashTagged:
            guard rest.first == "{", let close = rest.firstIndex(of: "}") else { return nil }
            let id = rest[rest.index(after: rest.startIndex)..<close]
            let tail = rest[rest.index(after: close)...]
            guard !id.isEmpty else { return nil }
            if tail.isEmpty { return Place(role: .transaction, schema: self, resource: String(id)) }
            guard tail.hasPrefix(":prepare:") else { return nil }
            return Place(role: .transactionPrepare, schema: self, resource: String(id))
        case .guide:
            if rest.hasPrefix("prepare:"), let marker = rest.range(of: ":participant:") {
                let id = rest[rest.index(rest.startIndex, offsetBy: 8)..<marker.lowerBound]
                return id.isEmpty ? nil : Place(role: .transactionPrepare, schema: self, resource: String(id))
            }
            return rest.isEmpty ? nil : Place(role: .transaction, schema: self, resource: String(rest))
        }
    }
}
