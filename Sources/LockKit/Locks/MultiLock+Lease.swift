import RedisClient
import Synchronization

/// Locks held together by one `MultiLock` attempt, under one owner token.
///
/// Release and extend compare the token on every key, in one pipelined round trip.
/// If any key is no longer ours the whole lease is lost, and the keys still ours are
/// released so that the group never stays half-held.
public final class MultiLease: Sendable {
    /// The resources held, in the order they were asked for.
    public let resources: [String]
    /// The lock keys, in the order of `resources`.
    public let keys: [String]
    /// The one owner token stored in every key.
    public let token: OwnerToken
    /// When the attempt that took the locks started.
    public let acquiredAt: ContinuousClock.Instant

    private let lock: MultiLock
    private let state: Mutex<(status: LeaseStatus, validUntil: ContinuousClock.Instant)>

    init(resources: [String], keys: [String], token: OwnerToken, acquiredAt: ContinuousClock.Instant,
         validUntil: ContinuousClock.Instant, lock: MultiLock) {
        self.resources = resources
        self.keys = keys
        self.token = token
        self.acquiredAt = acquiredAt
        self.lock = lock
        state = Mutex((.held, validUntil))
    }

    /// Held, released, or lost (and why).
    public var status: LeaseStatus { state.withLock { $0.status } }

    /// The last moment every key is known to be ours (client clock, conservative).
    public var validUntil: ContinuousClock.Instant { state.withLock { $0.validUntil } }

    /// Held, and not past `validUntil` by this process's clock.
    public var isHeld: Bool {
        state.withLock { $0.status == .held && ContinuousClock.now < $0.validUntil }
    }

    /// Releases every key still ours. `false` when any of them was no longer ours.
    @discardableResult
    public func release() async throws(LockError) -> Bool {
        guard status == .held else { return false }
        let released = try await lock.releaseEach(keys: keys, resources: resources, token: token)
        let all = released.allSatisfy { $0 }
        state.withLock { $0.status = all ? .released : .lost(.ownerChanged) }
        return all
    }

    /// Adds `extra` to every key's remaining TTL. `false` (lease lost, rest released) when any key is no longer ours.
    @discardableResult
    public func extend(by extra: Duration) async throws(LockError) -> Bool {
        try await adjust(milliseconds: extra.wholeMilliseconds, mode: "add")
    }

    /// Sets every key's remaining TTL to `ttl`. `false` (lease lost, rest released) when any key is no longer ours.
    @discardableResult
    public func renew(to ttl: Duration) async throws(LockError) -> Bool {
        try await adjust(milliseconds: ttl.wholeMilliseconds, mode: "set")
    }

    private func adjust(milliseconds: Int, mode: String) async throws(LockError) -> Bool {
        guard status == .held else { return false }
        guard milliseconds > 0 else { throw .invalidArgument("extension must be positive, got \(milliseconds) ms") }
        let started = ContinuousClock.now
        let replies = try await lock.runEach(LockScripts.extend, keys: keys,
                                             arguments: keys.map { _ in [token.value, milliseconds, mode] })
        let ttls = replies.compactMap { reply in reply.int.flatMap { $0 > 0 ? $0 : nil } }
        if ttls.count == keys.count, let shortest = ttls.min() {
            state.withLock { $0.validUntil = started + .milliseconds(shortest) }
            return true
        }
        state.withLock { $0.status = .lost(.ownerChanged) }
        _ = try? await lock.releaseEach(keys: keys, resources: resources, token: token)
        return false
    }
}

extension MultiLock {
    /// Token-checked release of each key in one round trip; `true` where it was ours.
    func releaseEach(keys: [String], resources: [String], token: OwnerToken) async throws(LockError) -> [Bool] {
        let arguments: [[any RedisArgument]] = resources.map { resource in
            [token.value, publishesReleases ? schema.releaseChannel(resource) : ""]
        }
        return try await runEach(LockScripts.release, keys: keys, arguments: arguments).map { $0.int == 1 }
    }

    /// Runs `script` once per key, pipelined. SCRIPT LOAD leads the pipeline so that the
    /// EVALSHAs behind it never meet NOSCRIPT (a pipeline cannot load and retry halfway).
    /// On a cluster the keys live on several masters, which may not know the script yet: each
    /// runs on its own (one round trip per key) and loads the script where it is missing.
    func runEach(_ script: RedisScript, keys: [String], arguments: [[any RedisArgument]]) async throws(LockError) -> [RESPValue] {
        if connection.endpoint.isCluster {
            var replies: [RESPValue] = []
            for (key, arguments) in zip(keys, arguments) {
                do { replies.append(try await connection.run(script, keys: [key], arguments: arguments)) } catch { throw .redis(error) }
            }
            return replies
        }
        let commands = [RedisCommand("SCRIPT", "LOAD", script.source)]
            + zip(keys, arguments).map { key, arguments in script.evalSHA(keys: [key], arguments: arguments) }
        let replies: [RESPValue]
        do { replies = try await connection.pipeline(commands) } catch { throw .redis(error) }
        if let message = replies.lazy.compactMap(\.errorMessage).first {
            throw .redis(.server(endpoint: connection.endpoint.description, command: "EVALSHA \(script.name)", message: message))
        }
        return Array(replies.dropFirst())
    }
}
