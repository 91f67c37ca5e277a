import TerminalUI

/// Draws the whole screen for `state`. Pure: the same state, theme and size give the same frame.
public func render(_ state: AppState, theme: Theme, size: Size) -> Frame {
    var frame = Frame(size: size, fill: Cell(" ", style: theme[.normal]))
    guard size.area > 0 else { return frame }
    let layout = ScreenLayout(state, size: size)
    let context = RowContext(state)
    let rows = ViewRows(state, context: context)

    TabBar(state: state, theme: theme).render(in: layout.tabs, into: &frame)
    if !layout.banner.isEmpty, case .reconnecting(let attempt, let reason) = state.connection {
        frame.fill(layout.banner, style: theme[.critical])
        frame.put("reconnecting (attempt \(attempt)): \(reason) — the data shown is stale", at: layout.banner.origin,
                  style: theme[.critical], maxWidth: layout.banner.width)
    }
    if state.view == .simulator {
        SimulatorView(simulator: state.simulator, theme: theme).render(in: layout.table, into: &frame)
    } else {
        let selection = RowsTableView.resolvedSelection(state.selection, in: rows)
        RowsTableView(rows: rows, selection: selection, sort: state.sort, marked: Set(state.marked.map(\.id)),
                      placeholder: placeholder(state), theme: theme)
            .render(in: layout.table, into: &frame)
        if !layout.detail.isEmpty {
            DetailPane(row: selection.selected.flatMap(rows.row(at:)), context: context, theme: theme, holderCursor: state.holderCursor)
                .render(in: layout.detail, into: &frame)
        }
    }
    PromptLine(state: state, theme: theme).render(in: layout.prompt, into: &frame)
    StatusBar(state: state, theme: theme).render(in: layout.status, into: &frame)
    if let overlay = state.overlay {
        OverlayView(overlay: overlay, readOnly: state.session.readOnly, theme: theme).render(in: frame.area, into: &frame)
    }
    return frame
}

/// What an empty table says: why it is empty.
private func placeholder(_ state: AppState) -> String {
    if !state.filter.isEmpty { return "nothing matches the filter \(state.filter) (Esc clears it)" }
    if state.scanProgress != nil { return "scanning…" }
    return switch state.view {
    case .locks: "no locks found"
    case .queues: "no wait queues found"
    case .transactions: "no sagas or two-phase commits found"
    case .streams: "no event streams found"
    case .events: "no events yet: changes to locks show up here as they happen"
    case .simulator: ""
    case .redlock: state.redlock == nil
        ? "one server: give --url once per independent Redlock server (locktop --url A --url B --url C) to compare them here"
        : "no lock keys on any server"
    }
}
