import Synchronization

/// How a `NotifiedLock`'s acquisitions went: what woke each waiter that then got the lock.
public struct NotifiedLockStatistics: Sendable, Hashable {
    /// Taken on the first try, without waiting.
    public var immediate = 0
    /// Taken on the re-check right after subscribing (released between the first try and the subscription).
    public var afterSubscribing = 0
    /// Taken after a `released` message woke the waiter.
    public var afterNotification = 0
    /// Taken after the safety re-check (or the holder's TTL) ran out with no message: a release was missed or never published.
    public var afterSafetyTimer = 0
    /// Taken after the subscriber reconnected and woke every waiter.
    public var afterResubscribe = 0
    /// Waits that ended in `LockError.timeout`.
    public var timeouts = 0

    public init() {}

    /// Every successful acquisition, however it came.
    public var acquisitions: Int { immediate + afterSubscribing + afterNotification + afterSafetyTimer + afterResubscribe }
}

/// The counters behind `NotifiedLock.statistics`; a class so every copy of the lock adds to the same ones.
final class NotifiedLockCounters: Sendable {
    private let counts = Mutex(NotifiedLockStatistics())

    var snapshot: NotifiedLockStatistics { counts.withLock { $0 } }

    func record(_ cause: AcquisitionCause) {
        counts.withLock { counts in
            switch cause {
            case .immediate: counts.immediate += 1
            case .subscribed: counts.afterSubscribing += 1
            case .notification: counts.afterNotification += 1
            case .safetyTimer: counts.afterSafetyTimer += 1
            case .resubscribed: counts.afterResubscribe += 1
            }
        }
    }

    func recordTimeout() { counts.withLock { $0.timeouts += 1 } }
}
