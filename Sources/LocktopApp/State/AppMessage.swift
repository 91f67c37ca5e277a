import Foundation
import LockInspector
import RedisClient
import TerminalUI

/// Everything that can change the app's state; the runtime turns key presses, feed
/// updates, timers and action results into these and hands them to `update`.
public enum AppMessage: Sendable {
    case key(KeyEvent)
    case feed(FeedUpdate)
    /// The clock moved on (TTLs count down, data ages); sent a few times a second.
    case tick(Date)
    case resize(Size)
    /// What an action the user asked for did (`.done`, `.ownerChanged`, ...), for `key`.
    case actionResult(key: [UInt8], action: String, outcome: ActionOutcome)
    /// A theme finished loading, or failed (then `warning` says why and `theme` is the default).
    case themeLoaded(name: String, theme: Theme, warning: String?)
    /// The running simulation reported, or ended.
    case simulation(SimulationUpdate)
    /// What the server is and allows, as the status line shows it (`valkey 8.1.8 (SET IFEQ, Lua)`).
    case serverDetected(String)
    /// What `D` (discover) found, or why it failed.
    case discovered(Result<DiscoveryReport, RedisError>)
    /// An order asked for with `Effect.buildOrder`, built.
    case orderBuilt(RowOrder)
    /// Something the runtime did for the user (a snapshot file written, or why not), for the status line.
    case notice(String)
}

/// Work `update` asks the runtime to do off the UI thread; results come back as messages.
public enum Effect: Sendable, Hashable {
    /// Delete `key` if it still holds `token`, publishing on `releaseChannel` (token compared in the server).
    case forceRelease(key: [UInt8], token: [UInt8], releaseChannel: String?)
    /// Add `by` to the TTL of `key` if it still holds `token`.
    case extend(key: [UInt8], token: [UInt8], by: Duration)
    /// Remove `member` from the wait queue `queue`.
    case removeWaiter(queue: QueueEntity, member: [UInt8])
    /// Release the holder `member` of a read-write lock or semaphore, if it still holds it.
    case releaseHolder(lock: LockEntity, member: [UInt8])
    /// Add `by` to the lease of the holder `member`, if it still holds it.
    case extendHolder(lock: LockEntity, member: [UInt8], by: Duration)
    /// Scan everything again now.
    case rescan
    /// Load the theme called `name` (from `themes/`).
    case loadTheme(name: String)
    /// Run a contention simulation (on shadow keys); reports come back as `.simulation`.
    case startSimulation(SimulationParameters)
    /// Stop the running simulation: its clients end and its keys are deleted.
    case stopSimulation
    /// Look for locks in the whole keyspace (`locktop discover`); the report comes back as `.discovered`.
    case discover
    /// Scan and listen for these patterns from now on.
    case followPatterns([String])
    /// Write what the screen shows to snapshot files; the result comes back as `.notice`.
    case writeSnapshot(SnapshotExport)
    /// Build a view's order off the UI thread; it comes back as `.orderBuilt`.
    case buildOrder(OrderRequest)
    /// Put `text` on the system clipboard through the terminal (OSC 52); done by the UI loop, which owns the terminal.
    case copyToClipboard(String)
    /// Leave the dashboard.
    case quit
}
