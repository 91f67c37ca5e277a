@testable import RedisClient
import Testing

@Suite struct ScanHalvesTests {
    @Test func theEvenHalfEndsAtTheFirstOddCursorAndTheOddHalfAtZero() {
        #expect(ScanHalves.continues(.even, after: Array("4096".utf8)))
        #expect(!ScanHalves.continues(.even, after: Array("1".utf8)))
        #expect(!ScanHalves.continues(.even, after: Array("524289".utf8)))
        #expect(!ScanHalves.continues(.even, after: Array("0".utf8)))
        #expect(ScanHalves.continues(.odd, after: Array("524289".utf8)))
        #expect(ScanHalves.continues(.odd, after: Array("2".utf8)))
        #expect(!ScanHalves.continues(.odd, after: Array("0".utf8)))
        #expect(ScanHalves.continues(.whole, after: Array("3".utf8)))
        #expect(!ScanHalves.continues(.whole, after: Array("0".utf8)))
    }

    @Test func aSplitPassStartsAtCursorsZeroAndOne() {
        #expect(ScanHalves(split: true, maximumCount: 10).starts.map(\.cursor) == [Array("0".utf8), Array("1".utf8)])
        #expect(ScanHalves(split: false, maximumCount: 10).starts.map(\.chain) == [.whole])
    }

    @Test func keysOfTheEvenHalfsLastPageThatTheOddHalfReturnedFirstAreDuplicates() {
        var halves = ScanHalves(split: true, maximumCount: 2)
        let key = { (name: String) in Array(name.utf8) }
        #expect(halves.recordingRule(for: .odd)(key("7")))
        halves.record(.odd, returned: 3, everyKey: [key("a"), key("b"), key("c")])
        #expect(!halves.recordingRule(for: .even)(key("8")))
        halves.record(.even, returned: 2, everyKey: [])
        #expect(halves.recordingRule(for: .even)(key("9")))
        halves.record(.even, returned: 3, everyKey: [key("x"), key("a"), key("b")])
        #expect(halves.duplicates == 2)
    }

    @Test func theOddHalfStopsRecordingAfterItsHead() {
        var halves = ScanHalves(split: true, maximumCount: 0)
        halves.record(.odd, returned: 1000, everyKey: [])
        #expect(!halves.recordingRule(for: .odd)(Array("5".utf8)))
        #expect(!ScanHalves(split: false, maximumCount: 10).recordingRule(for: .whole)(Array("0".utf8)))
    }
}
