@testable import LockInspector
import Testing

@Suite struct PreciseWaitTests {
    @Test func neverReturnsBeforeTheDeadline() async throws {
        let clock = ContinuousClock()
        for wait in [Duration.zero, .microseconds(100), .microseconds(700), .milliseconds(3)] {
            let deadline = clock.now + wait
            try await PreciseWait.until(deadline, clock: clock)
            #expect(clock.now >= deadline)
        }
    }

    @Test func aDeadlineInThePastReturnsAtOnce() async throws {
        let clock = ContinuousClock()
        let deadline = clock.now - .seconds(1)
        try await PreciseWait.until(deadline, clock: clock)
        #expect(clock.now >= deadline)
    }

    @Test func cancellationEndsTheWait() async {
        let clock = ContinuousClock()
        let waiting = Task { try await PreciseWait.until(clock.now + .seconds(3600), clock: clock) }
        waiting.cancel()
        await #expect(throws: CancellationError.self) { try await waiting.value }
    }
}
