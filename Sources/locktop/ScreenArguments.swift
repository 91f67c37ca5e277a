import ArgumentParser
import Foundation
import LocktopApp

/// The options of every command that opens the dashboard, live or replayed: mouse and snapshot files.
struct ScreenArguments: ParsableArguments {
    @Flag(help: "Turn mouse reporting off, so the terminal's own text selection works without Shift.")
    var noMouse = false

    @Option(help: ArgumentHelp("Where w writes snapshot files (default $XDG_STATE_HOME/locktop, else ~/.local/state/locktop).", valueName: "directory"))
    var snapshotDir: String?

    /// `options` with these applied.
    func apply(to options: inout DashboardOptions) {
        options.mouse = !noMouse
        if let snapshotDir { options.snapshotDirectory = URL(fileURLWithPath: snapshotDir) }
    }
}
