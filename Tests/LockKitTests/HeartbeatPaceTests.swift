@testable import LockKit
import Testing

@Suite struct HeartbeatPaceTests {
    @Test func asksForTheConfiguredLeaseWhileLooksComeOnTime() {
        var pace = HeartbeatPace(minimumLease: .seconds(5))
        let start = ContinuousClock.now
        #expect(pace.lease(lookingAt: start) == .seconds(5))
        #expect(pace.lease(lookingAt: start + .milliseconds(200)) == .seconds(5))
    }

    @Test func asksForThreeTimesTheLongestGapItsOwnLooksHad() {
        var pace = HeartbeatPace(minimumLease: .seconds(5))
        let start = ContinuousClock.now
        _ = pace.lease(lookingAt: start)
        // Descheduled for 4 s: the next leases cover a stall three times as long.
        #expect(pace.lease(lookingAt: start + .seconds(4)) == .seconds(12))
        #expect(pace.lease(lookingAt: start + .seconds(4) + .milliseconds(200)) == .seconds(12))
    }
}
