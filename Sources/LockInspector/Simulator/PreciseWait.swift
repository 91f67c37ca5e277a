import Foundation

/// Waits until an instant, to within a few microseconds.
///
/// `Task.sleep` overshoots by 50-100 µs on Linux (timer slack and the wake-up), several
/// times that on a busy machine, so a "1 ms" critical section slept that way lasts 1.1 ms or
/// more, and every pattern would be measured against a longer section than asked for. This
/// sleeps until `spinMargin` before the deadline and spins (yielding the core) for the rest.
enum PreciseWait {
    /// More than `Task.sleep` overshoots with 16 clients contending on 2 cores (about 0.4 ms).
    static let spinMargin: Duration = .microseconds(500)

    /// Returns at `deadline` or just after it, never before; throws if the task is cancelled.
    static func until(_ deadline: ContinuousClock.Instant, clock: ContinuousClock = ContinuousClock()) async throws {
        let sleepEnd = deadline - spinMargin
        if clock.now < sleepEnd { try await clock.sleep(until: sleepEnd, tolerance: .zero) }
        while clock.now < deadline {
            try Task.checkCancellation()
            sched_yield()
        }
    }
}
