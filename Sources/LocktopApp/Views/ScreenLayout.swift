import TerminalUI

/// Where each part of the screen goes for a state and size. `update` uses it too, so that
/// paging and scrolling move by the rows actually shown.
struct ScreenLayout {
    var tabs = Rect.zero
    /// The "reconnecting" banner while the snapshot is stale.
    var banner = Rect.zero
    var table = Rect.zero
    var detail = Rect.zero
    /// The filter being typed, or the last status message.
    var prompt = Rect.zero
    var status = Rect.zero

    /// Wide terminals show the detail pane beside the table, narrower ones below it.
    static let sideBySideWidth = 120

    init(_ state: AppState, size: Size) {
        var rest = Rect(size: size)
        // The status line goes first: with one row it is the most useful thing to show.
        (rest, status) = rest.splitBottom(1)
        if rest.height >= 1 { (tabs, rest) = rest.splitTop(1) }
        if state.isStale, rest.height >= 3 { (banner, rest) = rest.splitTop(1) }
        if state.filterInput != nil || state.statusMessage != nil, rest.height >= 3 { (rest, prompt) = rest.splitBottom(1) }
        guard state.showsDetail, state.view != .simulator else {
            table = rest
            return
        }
        if size.width >= Self.sideBySideWidth {
            (table, detail) = rest.splitRight(rest.width * 45 / 100)
        } else if rest.height >= 6 {
            (table, detail) = rest.splitBottom(rest.height / 2)
        } else {
            table = rest
        }
    }

    /// Table rows below the header.
    var visibleRows: Int { max(0, table.height - 1) }
}
