import LockInspector
import Testing

/// The events one forced failover publishes (as `SENTINEL FAILOVER` sends them), read for the status line.
@Suite struct SentinelFailoverTrackerTests {
    @Test func aFailoverIsInProgressFromTryFailoverUntilItsEndAndTheSwitchAsksForNewConnections() {
        var tracker = SentinelFailoverTracker(master: "orders")
        #expect(tracker.apply(channel: "+new-epoch", payload: "7") == .none)
        #expect(tracker.apply(channel: "+try-failover", payload: "master orders 127.0.0.1 6379") == .state("try-failover"))
        #expect(tracker.apply(channel: "+failover-state-select-slave", payload: "master orders 127.0.0.1 6379") == .state("select-slave"))
        #expect(tracker.apply(channel: "+selected-slave", payload: "slave 127.0.0.1:6380 127.0.0.1 6380 @ orders 127.0.0.1 6379")
                == .state("selected-slave"))
        #expect(tracker.state == "selected-slave")
        #expect(tracker.apply(channel: "+failover-end", payload: "master orders 127.0.0.1 6379") == .state(nil))
        #expect(tracker.apply(channel: "+switch-master", payload: "orders 127.0.0.1 6379 127.0.0.1 6380") == .switched)
        #expect(tracker.state == nil)
    }

    @Test func eventsAboutOtherMastersAreIgnored() {
        var tracker = SentinelFailoverTracker(master: "orders")
        #expect(tracker.apply(channel: "+try-failover", payload: "master payments 127.0.0.1 7000") == .none)
        #expect(tracker.apply(channel: "+switch-master", payload: "payments 127.0.0.1 7000 127.0.0.1 7001") == .none)
        #expect(tracker.apply(channel: "+odown", payload: "master orders-eu 127.0.0.1 6379 #quorum 2/2") == .none)
        #expect(tracker.apply(channel: "+odown", payload: "master orders 127.0.0.1 6379 #quorum 2/2") == .state("odown"))
        #expect(tracker.apply(channel: "-failover-abort-no-good-slave", payload: "master orders 127.0.0.1 6379") == .state(nil))
    }
}
