import Foundation
import LockInspector
import TerminalUI

/// Everything the dashboard shows, in one value. Only `update` changes it; `render` draws it.
public struct AppState: Sendable {
    /// Fixed for the session.
    public struct Session: Sendable {
        /// The endpoint as shown (never with the password).
        public var endpoint: String
        public var database: Int
        public var readOnly: Bool
        /// Theme names `t` cycles through.
        public var themeNames: [String]
        /// How the connection is secured: shown in the status line.
        public var security: ConnectionSecurity
        /// Server flavor, version and lock commands, once asked (`ServerCapabilities`).
        public var server: String?
        /// The snapshot file shown by `locktop replay`: nothing changes and nothing is sent; nil when live.
        public var replayFile: String?

        public init(endpoint: String, database: Int, readOnly: Bool, themeNames: [String], security: ConnectionSecurity = .plain) {
            self.endpoint = endpoint
            self.database = database
            self.readOnly = readOnly
            self.themeNames = themeNames
            self.security = security
        }
    }

    public var session: Session
    public var view: AppView = .locks
    /// The last snapshot; it stays on screen while disconnected, marked stale.
    public var snapshot: Snapshot = .empty {
        didSet { snapshotRevision = .next() }
    }
    public var connection: FeedConnection = .connected
    public var feedMode: FeedMode?
    /// Independent Redlock servers side by side (`--url` given several times); `nil` for one server.
    public var redlock: RedlockReport? {
        didSet { redlockRevision = .next() }
    }
    /// A cluster's masters (or the Redlock servers) and whether each answers; `nil` for one server.
    public var clusterNodes: [ClusterNodeStatus]?
    /// Set while Sentinel fails the master over: what the sentinels said last.
    public var failover: String?
    /// Set while a full scan runs.
    public var scanProgress: ScanProgress?
    /// Newest last; bounded (see `maximumEvents`).
    public var events: [LiveEvent] = [] {
        didSet { eventsRevision = .next() }
    }
    public var now: Date
    public var size: Size
    public var themeName: String
    /// The last action result or warning, for the status line.
    public var statusMessage: String?
    /// Whether the status line has offered discovery (`D`) since no lock was found.
    var offeredDiscovery = false
    /// Which holder of the selected read-write lock or semaphore `d` and `e` act on (`[` `]` move it).
    public var holderCursor = 0
    public var quitting = false

    /// Selected row (by key, so it survives new snapshots) and scroll offset, per view.
    public var selections: [AppView: ViewSelection] = [:]
    /// Sort column and direction, per view.
    public var sorts: [AppView: SortState] = [:]
    /// The applied filter: a substring, or a regex when it starts with `~`; empty for none.
    public var filter = ""
    /// The filter being typed after `/`; nil when not editing.
    public var filterInput: TextInput?
    /// Whether the detail pane for the selected row is open (Enter toggles).
    public var showsDetail = false
    /// The dialog or help box on top, if any.
    public var overlay: Overlay?
    /// Rows marked with `m`, per view; `y` and `Y` copy them as one block.
    public var marks: [AppView: [MarkedRow]] = [:]
    /// Set while `space` holds the screen still; data arriving meanwhile is kept in it.
    public var pause: PauseState?
    /// The largest TTL seen per lock key, so a TTL bar shows how much of it is left.
    public var ttlTotals = TTLTotals()
    /// The simulation the Simulator view shows.
    public var simulator = SimulatorState()
    /// Wall-clock times (the Events view) are shown in this zone; tests pin it.
    public var timeZone: TimeZone = .current

    /// Change with `snapshot` and with `events`; the derived data below is stamped with them.
    private(set) var snapshotRevision = DataRevision.next()
    private(set) var eventsRevision = DataRevision.next()
    private(set) var redlockRevision = DataRevision.next()
    /// Anomalies and waiter counts as of the last `update` (see `currentFacts`).
    var keptFacts: SnapshotFacts?
    /// Each view's filtered, sorted rows as of the last `update` (see `currentOrder`).
    var keptOrders: [AppView: RowOrder] = [:]
    /// The order asked of the runtime and not back yet (`ordersInBackground`); the screen says "sorting".
    public internal(set) var pendingOrder: RowOrder.Inputs?
    /// Large orders are built by the runtime off the UI thread (`Effect.buildOrder`) while the
    /// previous one stays on screen; off (pure tests, benchmarks of the sort itself), `update` builds them.
    public var ordersInBackground = false

    /// The current view's kept order.
    var keptOrder: RowOrder? { keptOrders[view] }

    public static let maximumEvents = 1000

    public init(session: Session, themeName: String, size: Size, now: Date) {
        self.session = session
        self.themeName = themeName
        self.size = size
        self.now = now
    }

    /// The snapshot is from before the connection was lost.
    public var isStale: Bool {
        if case .reconnecting = connection { return true }
        return false
    }

    /// The time rows are shown at: the clock, or the moment of the pause, so TTLs stop counting.
    /// A replay shows its snapshot as of the moment it was taken.
    public var shownNow: Date {
        if session.replayFile != nil, snapshot.takenAt != .distantPast { return snapshot.takenAt }
        return pause?.frozenAt ?? now
    }

    /// The current view's selection.
    public var selection: ViewSelection {
        get { selections[view] ?? ViewSelection() }
        set { selections[view] = newValue }
    }

    /// The current view's sort.
    public var sort: SortState {
        get { sorts[view] ?? SortState() }
        set { sorts[view] = newValue }
    }
}
