import Synchronization

/// Asks the scenario loops to finish the round they are in and stop, so what they leave in
/// Redis adds up (no saga or transfer cut in half); cancellation is for a hard stop.
public final class DemoStop: Sendable {
    private let requested = Atomic(false)

    /// Asks every loop to stop after its current round.
    public func request() { requested.store(true, ordering: .relaxed) }

    /// True once a stop was requested or the task was cancelled.
    public var isRequested: Bool { requested.load(ordering: .relaxed) || Task.isCancelled }

    /// Sleeps `duration`, or less when a stop is requested meanwhile; never throws.
    public func pause(_ duration: Duration) async {
        let clock = ContinuousClock()
        let end = clock.now + duration
        // Short steps, so a stop request ends the pause within 50 ms.
        while !isRequested, clock.now < end {
            try? await clock.sleep(for: min(.milliseconds(50), end - clock.now))
        }
    }
}
