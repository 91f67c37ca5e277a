import Foundation
import LockInspector
import RedisClient
import Synchronization
import TerminalUI

/// Performs the effects `update` asks for, off the UI thread; results come back through the inbox.
///
/// Actions use a connection of their own, so a slow action never delays the feed, and the
/// feed's reconnect loop never delays an action's error.
public final class EffectRunner: Sendable {
    private let inbox: Inbox
    private let feed: any KeyspaceFeed
    private let actions: LockActions
    private let themes: ThemeLoader
    private let simulations: SimulationRunner
    private let orders: OrderBuilder
    /// Where `w` writes snapshot files.
    private let snapshotDirectory: URL
    /// What `detectServer` learnt, for the `server` member of snapshot files.
    private let detectedServer = Mutex<ServerCapabilities?>(nil)

    /// A runner posting results to `inbox`; actions go to `feed.endpoint`, refused when `readOnly`;
    /// snapshot files go to `snapshotDirectory`.
    public init(inbox: Inbox, feed: any KeyspaceFeed, readOnly: Bool, themes: ThemeLoader,
                snapshotDirectory: URL = SnapshotWriter.defaultDirectory()) {
        self.inbox = inbox
        self.feed = feed
        self.themes = themes
        self.snapshotDirectory = snapshotDirectory
        orders = OrderBuilder(inbox: inbox)
        let options = RedisConnectionOptions(clientName: "locktop-actions", reconnect: ReconnectPolicy(attemptsPerCommand: 1))
        actions = LockActions(connection: RedisConnection(endpoint: feed.endpoint, options: options), readOnly: readOnly)
        simulations = SimulationRunner(simulator: Simulator(endpoint: feed.endpoint, readOnly: readOnly), inbox: inbox)
    }

    /// Asks the server what it is and allows (on the actions connection, whose actions then
    /// know their path) and posts it for the status line; a failure leaves the line without it.
    /// Read-only, only `INFO server` is asked: the scripting probe is an EVAL, and a read-only
    /// session sends no script at all.
    public func detectServer() {
        let actions = self.actions
        let inbox = self.inbox
        Task { [self] in
            if actions.readOnly {
                guard let server = try? await actions.connection.serverInfo() else { return }
                inbox.post(.serverDetected(server.description))
            } else {
                guard let capabilities = try? await actions.connection.capabilities() else { return }
                detectedServer.withLock { $0 = capabilities }
                inbox.post(.serverDetected(capabilities.description))
            }
        }
    }

    /// Starts `effect`; returns at once. `.quit` and `.copyToClipboard` are the loop's own business and are ignored here.
    public func perform(_ effect: Effect) {
        switch effect {
        case .forceRelease(let key, let token, let channel):
            run(key: key, action: "force-release") { actions in
                await actions.forceRelease(key: key, token: token, releaseChannel: channel)
            }
        case .extend(let key, let token, let extra):
            run(key: key, action: "extend") { actions in
                await actions.extend(key: key, token: token, by: extra)
            }
        case .removeWaiter(let queue, let member):
            run(key: queue.key, action: "remove waiter") { actions in
                await actions.removeWaiter(queue: queue, member: member)
            }
        case .releaseHolder(let lock, let member):
            run(key: lock.key, action: "release holder") { actions in
                await actions.releaseHolder(of: lock, member: member)
            }
        case .extendHolder(let lock, let member, let extra):
            run(key: lock.key, action: "extend holder") { actions in
                await actions.extendHolder(of: lock, member: member, by: extra)
            }
        case .rescan:
            feed.rescanNow()
        case .loadTheme(let name):
            let themes = self.themes
            let inbox = self.inbox
            // Reading and parsing a file: not on the UI thread.
            Task.detached {
                let result = themes.loadOrDefault(named: name)
                let shownName = result.warning == nil ? name : result.theme.name
                inbox.post(.themeLoaded(name: shownName, theme: result.theme, warning: result.warning?.description))
            }
        case .startSimulation(let parameters):
            simulations.start(parameters)
        case .stopSimulation:
            simulations.stop()
        case .discover:
            let connection = actions.connection
            let inbox = self.inbox
            Task.detached {
                do throws(RedisError) {
                    inbox.post(.discovered(.success(try await Discovery(connection: connection).run())))
                } catch {
                    inbox.post(.discovered(.failure(error)))
                }
            }
        case .followPatterns(let patterns):
            feed.follow(patterns: patterns)
        case .writeSnapshot(let export):
            let inbox = self.inbox
            let directory = snapshotDirectory
            let server = detectedServer.withLock { $0 }
            // Encoding 100,000 locks and writing files: not on the UI thread.
            Task.detached {
                do {
                    let file = try SnapshotWriter.write(export, server: server, to: directory)
                    inbox.post(.notice("snapshot written: \(file.path) (and .txt)"))
                } catch {
                    inbox.post(.notice("snapshot not written: \(error)"))
                }
            }
        case .buildOrder(let request):
            orders.build(request)
        case .quit, .copyToClipboard:
            break  // the UI loop's own: it owns the terminal
        }
    }

    /// Stops a running simulation (deleting its keys) and closes the actions connection.
    public func close() async {
        await simulations.finish()
        await actions.connection.close()
    }

    private func run(key: [UInt8], action: String, _ body: @escaping @Sendable (LockActions) async -> ActionOutcome) {
        let actions = self.actions
        let inbox = self.inbox
        Task.detached {
            let outcome = await body(actions)
            inbox.post(.actionResult(key: key, action: action, outcome: outcome))
        }
    }
}
