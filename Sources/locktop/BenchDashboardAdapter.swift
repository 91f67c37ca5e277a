import Foundation
import LockInspector
import LocktopApp
import LocktopBench
import RedisClient
import TerminalUI

/// The real dashboard runtime (DashboardSession: live feed, update, render) on a headless
/// terminal, for `locktop bench dashboard`.
struct AppHeadlessDashboard: HeadlessDashboard {
    let session: DashboardSession
    let size: Size

    init(endpoint: RedisEndpoint, refresh: Duration, size: Size) {
        var feed = FeedOptions()
        feed.refreshInterval = refresh
        // Built-in themes only: the measurement must not depend on files around the working directory.
        session = DashboardSession(options: DashboardOptions(endpoint: endpoint, feedOptions: feed), themes: ThemeLoader(directories: []))
        self.size = size
    }

    func run(onFrame: @escaping @Sendable ([String]) -> Void) async throws {
        let size = self.size
        try await session.run(onDraw: { frame in onFrame(frame.lines()) }) {
            (terminal: HeadlessTerminal(size: size), input: nil)
        }
    }

    func stop() { session.stop() }
}

/// The state P6 renders: the app's own, holding the whole snapshot.
enum BenchAppState {
    /// Columns of the Locks view `s` cycles through: one press per column, then back to the first.
    static let lockColumns = 7

    static func make(_ snapshot: Snapshot, size: Size) -> AppState {
        let session = AppState.Session(endpoint: "127.0.0.1:6379", database: 0, readOnly: false, themeNames: ["default"])
        var state = AppState(session: session, themeName: "default", size: size, now: snapshot.takenAt)
        _ = update(&state, .feed(.snapshot(snapshot)))
        _ = update(&state, .tick(snapshot.takenAt.addingTimeInterval(0.25)))
        return state
    }
}

/// P7's driver: the app's state with orders built in the background, as the runtime runs it;
/// the "background" builds run when the benchmark settles, one after the other.
final class BenchKeyDriver {
    private var state: AppState
    private var requests: [OrderRequest] = []
    private let size: Size

    init(_ snapshot: Snapshot, size: Size) {
        state = BenchAppState.make(snapshot, size: size)
        state.ordersInBackground = true
        self.size = size
    }

    /// Applies `key` (a tmux key name) through update and renders the frame it gives.
    func press(_ key: String) {
        apply(.key(Self.event(key)))
    }

    /// Builds the newest order asked for (as OrderBuilder does), applies it and renders; returns how many were built.
    func settle() -> Int {
        guard let newest = requests.last else { return 0 }
        requests.removeAll()
        apply(.orderBuilt(newest.build()))
        return 1
    }

    private func apply(_ message: AppMessage) {
        for effect in update(&state, message) {
            if case .buildOrder(let request) = effect { requests.append(request) }
        }
        _ = LocktopApp.render(state, theme: .default, size: size)
    }

    private static func event(_ name: String) -> KeyEvent {
        switch name {
        case "Enter": .enter
        case "Escape": .escape
        case "Down": .down
        case "PageDown": .pageDown
        case "End": .end
        case "Home": .home
        case "Space": .character(" ")
        default: .character(Character(name))
        }
    }
}
