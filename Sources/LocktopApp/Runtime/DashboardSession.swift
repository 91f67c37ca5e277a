import Foundation
import LockInspector
import TerminalUI

/// One run of the dashboard: the live feed, the effect runner and the UI loop, wired together.
///
/// The curses dashboard (`Dashboard.run`) and the headless one of the benchmarks share it,
/// so the benchmark measures the code the user runs.
public final class DashboardSession: Sendable {
    /// Where messages for the UI loop go; `requestStop()` on it ends the session.
    public let inbox = Inbox()
    public let options: DashboardOptions
    private let feed: any KeyspaceFeed
    private let effects: EffectRunner
    private let themes: ThemeLoader

    /// A session for `options`; themes are found by `themes`.
    public init(options: DashboardOptions, themes: ThemeLoader = .standard()) {
        self.options = options
        self.themes = themes
        if let replay = options.replay {
            feed = ReplayFeed(replay.snapshot)
        } else {
            feed = makeKeyspaceFeed(endpoints: options.endpoints, scanOptions: options.scanOptions, options: options.feedOptions)
        }
        effects = EffectRunner(inbox: inbox, feed: feed, readOnly: options.readOnly, themes: themes, snapshotDirectory: options.snapshotDirectory)
    }

    /// Ends the UI loop from any thread (as `q` would).
    public func stop() { inbox.requestStop() }

    /// Follows Redis and runs the UI loop on a dedicated thread, on the terminal `makeTerminal`
    /// opens there (with the file its keys come from); returns when the loop ends.
    ///
    /// The feed is stopped and the terminal given back on every way out, errors included.
    public func run(
        onDraw: (@Sendable (Frame) -> Void)? = nil,
        makeTerminal: @escaping @Sendable () throws -> (terminal: any Terminal, input: Int32?)
    ) async throws {
        let inbox = self.inbox
        let feed = self.feed
        let effects = self.effects
        let initialTheme = themes.loadOrDefault(named: options.themeName)
        var liveSession = AppState.Session(
            endpoint: options.redlockServers.count > 1 ? "Redlock over \(options.redlockServers.count) servers" : options.endpoint.description,
            database: options.endpoint.database,
            readOnly: options.readOnly, themeNames: themes.themeNames(),
            security: ConnectionSecurity(options.endpoint.tls))
        if let replay = options.replay {
            liveSession.endpoint = replay.snapshot.endpoint
            liveSession.server = replay.snapshot.server
            liveSession.replayFile = replay.file
        }
        let session = liveSession
        let initialThemeName = initialTheme.warning == nil ? (options.themeName ?? initialTheme.theme.name) : initialTheme.theme.name
        let tickInterval = options.tickInterval
        let idleWait = options.idleWait
        let initialSimulation = options.initialSimulation
        let startupNotice = options.startupNotice

        let forwarder = Task {
            for await update in feed.updates { inbox.post(.feed(update)) }
        }
        defer {
            feed.stop()
            forwarder.cancel()
        }
        feed.start()
        // A Redlock's servers may each differ: the line would mislead, so it names none.
        if options.redlockServers.count <= 1, options.replay == nil { effects.detectServer() }
        try await UIThread.run(name: "locktop-ui") {
            let (terminal, input) = try makeTerminal()
            defer { (terminal as? CursesTerminal)?.restore() }
            var state = AppState(session: session, themeName: initialThemeName, size: terminal.size, now: Date())
            state.statusMessage = startupNotice
            state.ordersInBackground = true
            if let simulation = initialSimulation, !session.readOnly {
                state.simulator.isRunning = true
                effects.perform(.startSimulation(simulation))
            }
            let loop = DashboardLoop(
                state: state, theme: initialTheme.theme, terminal: terminal, inputDescriptor: input, inbox: inbox,
                tickInterval: tickInterval, idleWait: idleWait,
                perform: { effects.perform($0) }, onDraw: onDraw.map { callback in { callback($0) } })
            if let warning = initialTheme.warning {
                loop.apply(.themeLoaded(name: initialThemeName, theme: initialTheme.theme, warning: warning.description))
            }
            loop.run()
        }
        await effects.close()
    }
}
