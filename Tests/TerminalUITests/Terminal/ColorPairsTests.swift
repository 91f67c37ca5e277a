import Testing
@testable import TerminalUI

@Suite struct ColorPairsTests {
    @Test func defaultColoursUsePairZero() {
        var pairs = ColorPairs(capacity: 10)
        #expect(pairs.pair(foreground: -1, background: -1) == .init(number: 0, isNew: false))
    }

    @Test func eachCombinationIsAllocatedOnce() {
        var pairs = ColorPairs(capacity: 10)
        #expect(pairs.pair(foreground: 1, background: -1) == .init(number: 1, isNew: true))
        #expect(pairs.pair(foreground: 2, background: 4) == .init(number: 2, isNew: true))
        #expect(pairs.pair(foreground: 1, background: -1) == .init(number: 1, isNew: false))
    }

    @Test func exhaustedPairsFallBackToTheDefaultPair() {
        var pairs = ColorPairs(capacity: 2)
        #expect(pairs.pair(foreground: 1, background: 0).number == 1)
        #expect(pairs.pair(foreground: 2, background: 0) == .init(number: 0, isNew: false))
        pairs.reset()
        #expect(pairs.pair(foreground: 2, background: 0) == .init(number: 1, isNew: true))
    }
}
