import Foundation
import LockInspector
import RedisClient

/// What the dashboard connects to and how it behaves; built by the `locktop` command line.
public struct DashboardOptions: Sendable {
    public var endpoint: RedisEndpoint
    /// Independent Redlock servers to compare side by side (the first is `endpoint`); empty for one server.
    public var redlockServers: [RedisEndpoint] = []
    public var scanOptions: ScanOptions
    /// Polling interval, notifications and read-only mode of the feed.
    public var feedOptions: FeedOptions
    /// The theme to start with; nil for the default.
    public var themeName: String?
    /// How often the clock moves on screen (TTLs count down between feed updates).
    public var tickInterval: Duration = .milliseconds(250)
    /// Longest the UI thread sleeps without looking at the keyboard and the inbox.
    public var idleWait: Duration = .milliseconds(100)
    /// A simulation to start with the dashboard (the demo's, so the Simulator view is never empty).
    public var initialSimulation: SimulationParameters?
    /// Said in the status line at start (what an earlier locktop left on the server, say).
    public var startupNotice: String?
    /// Mouse reporting (click, wheel); off with `--no-mouse`, so the terminal's own selection works without Shift.
    public var mouse = true
    /// Where `w` writes snapshot files (`--snapshot-dir`; `$XDG_STATE_HOME/locktop` by default).
    public var snapshotDirectory = SnapshotWriter.defaultDirectory()
    /// `locktop replay`: the saved snapshot to show, and its file name; no Redis is used at all.
    public var replay: (snapshot: SavedSnapshot, file: String)?

    /// Options for `endpoint`; `feedOptions.readOnly` also makes every action refuse.
    public init(endpoint: RedisEndpoint, scanOptions: ScanOptions = ScanOptions(), feedOptions: FeedOptions = FeedOptions(), themeName: String? = nil) {
        self.endpoint = endpoint
        self.scanOptions = scanOptions
        self.feedOptions = feedOptions
        self.themeName = themeName
    }

    /// Every server the dashboard follows.
    public var endpoints: [RedisEndpoint] { redlockServers.count > 1 ? redlockServers : [endpoint] }

    /// Whether actions are refused and no write command is sent.
    public var readOnly: Bool { feedOptions.readOnly || replay != nil }
}
