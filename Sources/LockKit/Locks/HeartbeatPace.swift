/// The lease a waiting writer (`ReadWriteLock`) asks for at each look: at least the configured one, and three
/// times the longest gap it has seen between its own looks, so a waiter whose process is
/// descheduled for long stretches is not taken for dead by waiters that were not.
struct HeartbeatPace {
    let minimumLease: Duration
    private var lastLook: ContinuousClock.Instant?
    private var longestGap: Duration = .zero

    init(minimumLease: Duration) { self.minimumLease = minimumLease }

    /// Records a look at `now` and returns the lease to ask for with it.
    mutating func lease(lookingAt now: ContinuousClock.Instant) -> Duration {
        if let lastLook { longestGap = max(longestGap, now - lastLook) }
        lastLook = now
        return max(minimumLease, longestGap * 3)
    }
}
