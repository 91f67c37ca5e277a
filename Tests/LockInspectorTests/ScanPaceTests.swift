@testable import LockInspector
import Testing

@Suite struct ScanPaceTests {
    @Test func growsWhileCallsAreFastAndStopsAtTheMaximum() {
        var pace = ScanPace(start: 500, maximum: 5000)
        for _ in 0..<10 { pace.record(roundTrip: .microseconds(100)) }
        #expect(pace.count == 5000)
    }

    @Test func growsByAtMostHalfFromOneCallToTheNext() {
        var pace = ScanPace(start: 500, maximum: 5000)
        for _ in 0..<3 { pace.record(roundTrip: .microseconds(10)) }
        #expect(pace.count == 1687)
    }

    @Test func scalesSoThatTheNextCallIsPredictedToTakeTheTarget() {
        var pace = ScanPace(start: 1000, maximum: 5000, target: .microseconds(800))
        pace.record(roundTrip: .microseconds(640))
        #expect(pace.count == 1250)
        pace.record(roundTrip: .microseconds(800))
        #expect(pace.count == 1250)
    }

    @Test func shrinksWhenACallIsSlowButNeverBelowTheStart() {
        var pace = ScanPace(start: 500, maximum: 5000, target: .microseconds(800))
        for _ in 0..<6 { pace.record(roundTrip: .microseconds(100)) }
        #expect(pace.count == 5000)
        pace.record(roundTrip: .microseconds(3200))
        #expect(pace.count == 1250)
        for _ in 0..<10 { pace.record(roundTrip: .milliseconds(3)) }
        #expect(pace.count == 500)
    }

    @Test func aFixedCountStaysFixed() {
        var pace = ScanPace(start: 700, maximum: 700)
        pace.record(roundTrip: .microseconds(10))
        #expect(pace.count == 700)
        pace.record(roundTrip: .milliseconds(10))
        #expect(pace.count == 700)
    }
}
