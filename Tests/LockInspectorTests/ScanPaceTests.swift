@testable import LockInspector
import Testing

@Suite struct ScanPaceTests {
    @Test func growsWhileCallsAreFastAndStopsAtTheMaximum() {
        var pace = ScanPace(start: 500, maximum: 5000)
        for _ in 0..<10 { pace.record(roundTrip: .microseconds(100)) }
        #expect(pace.count == 5000)
    }

    @Test func shrinksWhenACallIsSlowButNeverBelowTheStart() {
        var pace = ScanPace(start: 500, maximum: 5000)
        for _ in 0..<3 { pace.record(roundTrip: .microseconds(100)) }
        #expect(pace.count == 4000)
        pace.record(roundTrip: .milliseconds(3))
        #expect(pace.count == 2000)
        for _ in 0..<10 { pace.record(roundTrip: .milliseconds(3)) }
        #expect(pace.count == 500)
    }

    @Test func holdsBetweenHalfTheTargetAndTheTarget() {
        var pace = ScanPace(start: 500, maximum: 5000)
        pace.record(roundTrip: .microseconds(600))
        #expect(pace.count == 500)
    }

    @Test func aFixedCountStaysFixed() {
        var pace = ScanPace(start: 700, maximum: 700)
        pace.record(roundTrip: .microseconds(10))
        #expect(pace.count == 700)
    }
}
