import Dispatch

/// Auto-renewal: keeps a lease alive while long work runs, renewing it to `ttl` every
/// `interval` (default ttl/3) with a token check.
///
/// Unlike the guide's timer it never renews a lock that another owner now holds, and when a
/// renewal finds another owner or cannot reach Redis it marks the lease lost, which the
/// holder sees on `lease.losses` or `lease.isHeld`, instead of working on unprotected.
/// It stops by itself when the lease is released or lost.
public final class LockWatchdog: Sendable {
    public let lease: LockLease
    public let ttl: Duration
    public let interval: Duration
    private let task: Task<Void, Never>

    /// Starts renewing `lease` at once; keep the watchdog as long as the work runs.
    public init(lease: LockLease, ttl: Duration, interval: Duration? = nil) {
        let interval = interval ?? ttl / 3
        self.lease = lease
        self.ttl = ttl
        self.interval = interval
        // On the lease's connection thread when it has one: renewals must not wait for a
        // cooperative pool that blocked work may be holding.
        task = Task(executorPreference: lease.renewalExecutor) {
            while !Task.isCancelled && lease.status == .held {
                guard await Self.pause(interval) else { return }
                guard lease.status == .held else { return }
                do throws(LockError) {
                    // A `false` renewal marks the lease lost (owner changed) inside `renew`.
                    guard try await lease.renew(to: ttl) else { return }
                } catch {
                    lease.markLost(.renewalFailed(error.description))
                    return
                }
            }
        }
    }

    deinit { task.cancel() }

    /// A queue of its own for the renewal timer: `Task.sleep` wakes through Swift's cooperative
    /// pool, and a pool blocked by someone's synchronous work would delay renewals past the TTL.
    private static let timers = DispatchQueue(label: "locktop.lock-watchdog.timers")

    /// Waits `interval` on the timer queue; `false` when the task was cancelled meanwhile.
    private static func pause(_ interval: Duration) async -> Bool {
        guard !Task.isCancelled else { return false }
        let nanoseconds = Int(max(0, interval.inSeconds * 1e9))
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            timers.asyncAfter(deadline: .now() + .nanoseconds(nanoseconds)) { continuation.resume() }
        }
        return !Task.isCancelled
    }

    /// Stops renewing (the lease itself stays as it is).
    public func stop() { task.cancel() }

    /// Waits until the renewal loop has ended (after release, loss or `stop()`).
    public func finished() async { await task.value }
}

extension ResourceLock {
    /// Runs long work under the lock with a watchdog renewing it; `body` should check
    /// `lease.isHeld` (or listen on `lease.losses`) and stop when the lease is lost.
    public func withRenewedLock<T: Sendable>(
        _ resource: String,
        ttl: Duration,
        wait: Duration,
        _ body: (LockLease) async throws -> T
    ) async throws -> T {
        try await withLock(resource, ttl: ttl, wait: wait) { lease in
            let watchdog = LockWatchdog(lease: lease, ttl: ttl)
            defer { watchdog.stop() }
            return try await body(lease)
        }
    }
}
