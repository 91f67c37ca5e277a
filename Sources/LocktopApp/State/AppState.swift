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

        public init(endpoint: String, database: Int, readOnly: Bool, themeNames: [String]) {
            self.endpoint = endpoint
            self.database = database
            self.readOnly = readOnly
            self.themeNames = themeNames
        }
    }

    public var session: Session
    public var view: AppView = .locks
    /// The last snapshot; it stays on screen while disconnected, marked stale.
    public var snapshot: Snapshot = .empty
    public var connection: FeedConnection = .connected
    public var feedMode: FeedMode?
    /// Set while a full scan runs.
    public var scanProgress: ScanProgress?
    /// Newest last; bounded (see `maximumEvents`).
    public var events: [LiveEvent] = []
    public var now: Date
    public var size: Size
    public var themeName: String
    /// The last action result or warning, for the status line.
    public var statusMessage: String?
    public var quitting = false

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
}
