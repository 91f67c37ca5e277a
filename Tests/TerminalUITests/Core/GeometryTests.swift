import Testing
@testable import TerminalUI

@Suite struct GeometryTests {
    @Test func negativeSizesAreClampedToZero() {
        #expect(Size(width: -3, height: 2) == Size(width: 0, height: 2))
        #expect(Rect(x: 1, y: 1, width: -1, height: -5).isEmpty)
    }

    @Test func intersectionOfDisjointRectanglesIsEmpty() {
        let a = Rect(x: 0, y: 0, width: 2, height: 2)
        #expect(a.intersection(Rect(x: 5, y: 5, width: 2, height: 2)).isEmpty)
        #expect(a.intersection(Rect(x: 1, y: 1, width: 5, height: 5)) == Rect(x: 1, y: 1, width: 1, height: 1))
    }

    @Test func splitsNeverProduceNegativeParts() {
        let area = Rect(x: 2, y: 3, width: 10, height: 4)
        #expect(area.splitTop(1).top == Rect(x: 2, y: 3, width: 10, height: 1))
        #expect(area.splitTop(1).rest == Rect(x: 2, y: 4, width: 10, height: 3))
        #expect(area.splitBottom(9).bottom == area)
        #expect(area.splitLeft(3).rest == Rect(x: 5, y: 3, width: 7, height: 4))
        #expect(area.splitRight(3).right == Rect(x: 9, y: 3, width: 3, height: 4))
        #expect(area.inset(by: 3).isEmpty)
    }

    @Test func centeredRectangleFitsInside() {
        let area = Rect(x: 0, y: 0, width: 10, height: 5)
        #expect(area.centered(width: 4, height: 1) == Rect(x: 3, y: 2, width: 4, height: 1))
        #expect(area.centered(width: 40, height: 40) == area)
    }

    @Test func rowOutsideTheRectangleIsEmpty() {
        #expect(Rect(x: 0, y: 0, width: 3, height: 2).row(2).isEmpty)
        #expect(Rect(x: 0, y: 0, width: 3, height: 2).row(1) == Rect(x: 0, y: 1, width: 3, height: 1))
    }
}
