import Testing
@testable import TerminalUI

@Suite struct SparklineTests {
    @Test func valuesMapToEighthBlocks() {
        #expect(render(Sparkline([1, 4, 2, 8]), width: 4, height: 1).lines() == ["▁▄▂█"])
    }

    @Test func newestValuesAreAtTheRight() {
        #expect(render(Sparkline([1, 4, 2, 8]), width: 6, height: 1).lines() == ["  ▁▄▂█"])
        #expect(render(Sparkline([1, 4, 2, 8]), width: 2, height: 1).lines() == ["▂█"])
    }

    @Test func tallSparklinesStackBlocks() {
        #expect(render(Sparkline([8, 4]), width: 2, height: 2).lines() == ["█ ", "██"])
    }

    @Test func anyActivityShowsAtLeastTheLowestBlock() {
        #expect(render(Sparkline([1, 1_000]), width: 2, height: 1).lines() == ["▁█"])
    }

    @Test func allZeroValuesDrawNothing() {
        #expect(render(Sparkline([0, 0, 0]), width: 3, height: 1).lines() == ["   "])
        #expect(render(Sparkline([Double]()), width: 3, height: 1).lines() == ["   "])
    }

    @Test func explicitMaximumScalesTheBars() {
        #expect(render(Sparkline([4]).maximum(8), width: 1, height: 1).lines() == ["▄"])
    }

    @Test func barsTakeTheSparklineStyle() {
        let frame = render(Sparkline([1]).style(Style(fg: .cyan)), width: 1, height: 1)
        #expect(frame.style(at: .zero) == Style(fg: .cyan))
    }

    @Test func rendersNothingInAZeroSizeArea() {
        #expect(render(Sparkline([1, 2]), width: 0, height: 0).lines().isEmpty)
    }

    @Test func rendersTheNewestValueInAOneByOneArea() {
        #expect(render(Sparkline([3, 5]), width: 1, height: 1).lines() == ["█"])
    }
}
