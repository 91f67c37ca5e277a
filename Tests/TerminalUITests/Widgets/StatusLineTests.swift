import Testing
@testable import TerminalUI

@Suite struct StatusLineTests {
    private let line = StatusLine()
        .left([Span("redis://localhost:6379")])
        .right([Span("READ-ONLY", style: Style(bold: true))])
        .style(Style(bg: .blue))

    @Test func leftAndRightSegmentsSitAtTheEdges() {
        let frame = render(line, width: 40, height: 1)
        #expect(frame.lines() == ["redis://localhost:6379" + String(repeating: " ", count: 9) + "READ-ONLY"])
        #expect(frame.style(at: .zero) == Style(bg: .blue))
        #expect(frame.style(at: Point(x: 39, y: 0)) == Style(bg: .blue, bold: true))
        #expect(frame.style(at: Point(x: 25, y: 0)) == Style(bg: .blue))
    }

    @Test func leftSideIsCutFirstWhenSpaceRunsOut() {
        #expect(render(line, width: 20, height: 1).lines() == ["redis://l… READ-ONLY"])
    }

    @Test func segmentsFollowEachOther() {
        let frame = render(StatusLine().left([Span("a"), Span("락")]).right([Span("x"), Span("y")]), width: 8, height: 1)
        #expect(frame.lines() == ["a락   xy"])
    }

    @Test func rendersNothingInAZeroSizeArea() {
        #expect(render(line, width: 0, height: 0).lines().isEmpty)
    }

    @Test func rendersAnEllipsisInAOneByOneArea() {
        #expect(render(line, width: 1, height: 1).lines() == ["…"])
    }
}
