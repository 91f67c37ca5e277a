import LockInspector
import Testing

@Suite struct KeyspaceEventsTests {
    @Test func coversNeedsKeyspaceAndTheLockClasses() {
        #expect(KeyspaceEvents.covers("KA"))
        #expect(KeyspaceEvents.covers("AKE"))
        #expect(KeyspaceEvents.covers("Kg$hzlxt"))
        #expect(!KeyspaceEvents.covers(""))
        #expect(!KeyspaceEvents.covers("EA"))
        #expect(!KeyspaceEvents.covers("Kg$"))
    }

    @Test func enablingKeepsWhatTheServerHad() {
        #expect(KeyspaceEvents.enabling("") == "KA")
        #expect(KeyspaceEvents.enabling("Ex") == "ExKA")
        #expect(KeyspaceEvents.covers(KeyspaceEvents.enabling("Ex")))
    }

    @Test func keyComesOutOfTheChannel() {
        #expect(KeyspaceEvents.key(fromChannel: Array("__keyspace@0__:lock:{a}".utf8)) == Array("lock:{a}".utf8))
        #expect(KeyspaceEvents.key(fromChannel: Array("__keyspace@12__:a:b:c".utf8)) == Array("a:b:c".utf8))
        #expect(KeyspaceEvents.key(fromChannel: Array("lock:channel:{a}".utf8)) == nil)
    }

    @Test func releaseChannelNamesTheLockKeyInBothLayouts() {
        #expect(KeyspaceEvents.lockKey(fromReleaseChannel: Array("lock:channel:{coupon:1}".utf8)) == Array("lock:{coupon:1}".utf8))
        #expect(KeyspaceEvents.lockKey(fromReleaseChannel: Array("lock:channel:lock:coupon:1".utf8)) == Array("lock:coupon:1".utf8))
        #expect(KeyspaceEvents.lockKey(fromReleaseChannel: Array("lock:channel:".utf8)) == nil)
        #expect(KeyspaceEvents.lockKey(fromReleaseChannel: Array("other".utf8)) == nil)
    }

    @Test func eventsMapToEffectsAndFeedLines() {
        #expect(KeyspaceEvents.effect(of: ["del"]) == .removed)
        #expect(KeyspaceEvents.effect(of: ["set", "expired"]) == .removed)
        #expect(KeyspaceEvents.effect(of: ["set", "expire"]) == .stringWritten)
        #expect(KeyspaceEvents.effect(of: ["del", "set"]) == .stringWritten)
        #expect(KeyspaceEvents.effect(of: ["hset"]) == .changed)
        // SET ... PX arrives as "set" then "expire": still an acquisition.
        #expect(KeyspaceEvents.liveKind(of: ["set", "expire"], existedBefore: false) == .acquired)
        #expect(KeyspaceEvents.liveKind(of: ["set"], existedBefore: true) == .changed)
        #expect(KeyspaceEvents.liveKind(of: ["del"], existedBefore: true) == .released)
        #expect(KeyspaceEvents.liveKind(of: ["expired"], existedBefore: true) == .expired)
        #expect(KeyspaceEvents.liveKind(of: ["pexpire"], existedBefore: true) == .extended)
    }
}
