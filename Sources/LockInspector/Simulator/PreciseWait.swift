import Foundation

/// Waits until an instant, to within a few microseconds, spinning for as little as it can.
///
/// `Task.sleep` overshoots by 50-100 µs on Linux (timer slack and the wake-up through the
/// cooperative pool), several times that on a busy machine, so a "1 ms" critical section slept
/// that way lasts 1.1 ms or more. Spinning for the last 500 µs made it exact but burned a core
/// per holder: with several holders at once (read-write locks, semaphores) on 2 cores the
/// spinning itself slowed the run. Now the wait blocks in `nanosleep` on the caller's own
/// thread (a simulated client runs on its connection's thread) until `spinMargin` before the
/// deadline, more than the kernel's 50 µs timer slack, and spins only for the rest.
enum PreciseWait {
    /// Longer waits sleep in the task first, so cancellation is noticed; the last part blocks.
    static let blockingPart: Duration = .milliseconds(2)
    /// The default timer slack (50 µs) and a wake-up's latency.
    static let spinMargin: Duration = .microseconds(80)

    /// Returns at `deadline` or just after it, never before; throws if the task is cancelled.
    static func until(_ deadline: ContinuousClock.Instant, clock: ContinuousClock = ContinuousClock()) async throws {
        let sleepEnd = deadline - blockingPart
        if clock.now < sleepEnd { try await clock.sleep(until: sleepEnd, tolerance: .zero) }
        try Task.checkCancellation()
        let blockingEnd = deadline - spinMargin
        while case let left = blockingEnd - clock.now, left > .zero {
            let (seconds, attoseconds) = left.components
            var request = timespec(tv_sec: Int(seconds), tv_nsec: Int(attoseconds / 1_000_000_000))
            _ = nanosleep(&request, nil)
        }
        while clock.now < deadline { sched_yield() }
    }
}
