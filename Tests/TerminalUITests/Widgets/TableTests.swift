import Testing
@testable import TerminalUI

@Suite struct TableTests {
    private let columns = [
        TableColumn("KEY", width: .flex(1)),
        TableColumn("OWNER", width: .min(5)),
        TableColumn("TTL", width: .fixed(4), alignment: .right),
    ]
    private let rows = [
        TableRow(["lock:{coupon:1}", "web-1", "12s"]),
        TableRow(["락:쿠폰", "api-2", "3s"]),
        TableRow(["lock:{job:7}", "worker", "1s"]),
    ]

    @Test func rendersHeaderAndRowsInDeclaredColumns() {
        let frame = render(Table(columns: columns, rows: rows), width: 20, height: 5)
        #expect(text(frame) == [
            "KEY      OWNER   TTL",
            "lock:{c… web-1   12s",
            "락:쿠폰  api-2    3s",
            "lock:{j… worker   1s",
            "",
        ])
    }

    @Test func headerAndSelectionUseTheirStyles() {
        let table = Table(columns: columns, rows: rows)
            .state(TableState(selected: 1))
            .headerStyle(Style(fg: .yellow, bold: true))
            .selectedStyle(Style(bg: .blue))
        let frame = render(table, width: 20, height: 4)
        #expect(frame.style(at: Point(x: 0, y: 0)) == Style(fg: .yellow, bold: true))
        #expect(frame.style(at: Point(x: 19, y: 2)) == Style(bg: .blue))
        #expect(frame.style(at: Point(x: 8, y: 2)) == Style(bg: .blue))  // the gap between columns too
        #expect(frame.style(at: Point(x: 0, y: 1)) == .plain)
    }

    @Test func cellStylesShowThroughTheSelection() {
        let table = Table(columns: columns, rows: [TableRow(["k", TableCell("dead", style: Style(fg: .red)), "-"])])
            .state(TableState(selected: 0))
            .selectedStyle(Style(reverse: true))
        let frame = render(table, width: 20, height: 2)
        #expect(frame.style(at: Point(x: 10, y: 1)) == Style(fg: .red, reverse: true))
    }

    @Test func scrollingKeepsTheSelectionVisible() {
        let many = (0..<10).map { TableRow([TableCell("key-\($0)"), "o", "1s"]) }
        let down = render(Table(columns: columns, rows: many).state(TableState(selected: 7)), width: 20, height: 4)
        #expect(text(down).dropFirst().map { String($0.prefix(5)) } == ["key-5", "key-6", "key-7"])
        let up = render(Table(columns: columns, rows: many).state(TableState(selected: 2, offset: 5)), width: 20, height: 4)
        #expect(text(up).dropFirst().map { String($0.prefix(5)) } == ["key-2", "key-3", "key-4"])
    }

    @Test func columnsThatDoNotFitAreHiddenFromTheRight() {
        let table = Table(columns: [
            TableColumn("KEY", width: .flex(1, min: 6)),
            TableColumn("OWNER", width: .fixed(6)),
            TableColumn("TTL", width: .fixed(4)),
        ], rows: [TableRow(["lock:a", "web-1", "9s"])])
        #expect(text(render(table, width: 14, height: 2)) == ["KEY     OWNER", "lock:a  web-1"])
    }

    @Test func binaryKeysShowEscaped() {
        let key = TableCell(DisplayText(bytes: [0x6C, 0xFF, 0x0A]))
        let frame = render(Table(columns: [TableColumn("KEY", width: .flex(1))], rows: [TableRow([key])]), width: 10, height: 2)
        #expect(text(frame)[1] == "l\\xFF\\n")
    }

    @Test func placeholderShowsWhenThereAreNoRows() {
        let frame = render(Table(columns: columns).placeholder("no locks"), width: 20, height: 3)
        #expect(text(frame) == ["KEY       OWNER  TTL", "no locks", ""])
    }

    @Test func headerCanBeHidden() {
        let table = Table(columns: columns, rows: rows).showsHeader(false)
        #expect(table.visibleRowCount(in: Rect(x: 0, y: 0, width: 20, height: 3)) == 3)
        #expect(text(render(table, width: 20, height: 1)) == ["lock:{c… web-1   12s"])
    }

    @Test func rendersNothingInAZeroSizeArea() {
        var frame = Frame(size: Size(width: 5, height: 2))
        Table(columns: columns, rows: rows).render(in: .zero, into: &frame)
        #expect(frame == Frame(size: Size(width: 5, height: 2)))
        #expect(render(Table(columns: columns, rows: rows), width: 0, height: 0).lines().isEmpty)
    }

    @Test func rendersAnEllipsisInAOneByOneArea() {
        #expect(render(Table(columns: columns, rows: rows), width: 1, height: 1).lines() == ["…"])
    }
}
