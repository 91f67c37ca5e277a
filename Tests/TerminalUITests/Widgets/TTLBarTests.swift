import Testing
@testable import TerminalUI

@Suite struct TTLBarTests {
    @Test func barIsFilledInProportionToTheRemainingTime() {
        #expect(render(TTLBar(fraction: 0.5), width: 10, height: 1).lines() == ["█████     "])
        #expect(render(TTLBar(fraction: 1), width: 4, height: 1).lines() == ["████"])
        #expect(render(TTLBar(fraction: 0), width: 4, height: 1).lines() == ["    "])
    }

    @Test func partialCellsUseEighthBlocks() {
        let bar = TTLBar(remaining: .seconds(12), total: .seconds(30)).label("12s")
        #expect(render(bar, width: 10, height: 1).lines() == ["██▍    12s"])
    }

    @Test func lowTimeSwitchesToTheLowStyle() {
        let full = Style(fg: .green), low = Style(fg: .red)
        let healthy = render(TTLBar(fraction: 0.8).styles(full: full, low: low), width: 4, height: 1)
        #expect(healthy.style(at: .zero) == full)
        let expiring = render(TTLBar(fraction: 0.1).styles(full: full, low: low), width: 4, height: 1)
        #expect(expiring.style(at: .zero) == low)
        #expect(expiring.style(at: Point(x: 3, y: 0)) == low)
    }

    @Test func labelIsDroppedWhenTheAreaIsTooNarrow() {
        #expect(render(TTLBar(fraction: 1).label("30s"), width: 4, height: 1).lines() == ["████"])
    }

    @Test func outOfRangeValuesAreClamped() {
        #expect(render(TTLBar(fraction: 7), width: 2, height: 1).lines() == ["██"])
        #expect(render(TTLBar(fraction: -1), width: 2, height: 1).lines() == ["  "])
        #expect(render(TTLBar(fraction: .nan), width: 2, height: 1).lines() == ["  "])
        #expect(render(TTLBar(remaining: .seconds(1), total: .zero), width: 2, height: 1).lines() == ["  "])
    }

    @Test func drawsOnlyTheFirstRowOfATallArea() {
        #expect(render(TTLBar(fraction: 1), width: 2, height: 2).lines() == ["██", "  "])
    }

    @Test func rendersNothingInAZeroSizeArea() {
        #expect(render(TTLBar(fraction: 1).label("1s"), width: 0, height: 0).lines().isEmpty)
    }

    @Test func rendersOneBlockInAOneByOneArea() {
        #expect(render(TTLBar(fraction: 1).label("1s"), width: 1, height: 1).lines() == ["█"])
    }
}
