import Foundation
import RedisClient
import Synchronization
import VisibleText

/// Follows a Redis: a full scan, then keyspace notifications (or polling) refresh just the
/// touched keys, and a slow full rescan is the safety net. Survives reconnects.
public final class LiveFeed: KeyspaceFeed {
    public let endpoint: RedisEndpoint
    public let scanOptions: ScanOptions
    public let options: FeedOptions
    /// Everything the feed learns, in order.
    public var updates: AsyncStream<FeedUpdate> { feedRun.updates }

    private let feedRun = FeedRun()
    private var continuation: AsyncStream<FeedUpdate>.Continuation { feedRun.continuation }
    private let dirty = DirtyKeys()
    /// Set by `+switch-master`: the connections are made again (to the new master) before the next look.
    private let masterSwitched = Mutex(false)
    /// Patterns to follow from the next full scan on (`follow(patterns:)`), until taken.
    private let patternSwitch = Mutex<[String]?>(nil)

    public init(endpoint: RedisEndpoint, scanOptions: ScanOptions = ScanOptions(), options: FeedOptions = FeedOptions()) {
        self.endpoint = endpoint
        self.scanOptions = scanOptions
        self.options = options
    }

    deinit { stop() }

    /// Starts following; updates arrive on `updates`.
    public func start() { feedRun.start { await self.run() } }

    /// Stops following and finishes `updates`.
    public func stop() {
        feedRun.stop()
        dirty.close()
    }

    /// Asks for a full rescan now (the `r` key).
    public func rescanNow() { dirty.requestRescan() }

    /// Scans and listens for `patterns` from now on (a full rescan starts at once).
    public func follow(patterns: [String]) {
        patternSwitch.withLock { $0 = patterns }
        dirty.requestRescan()
    }

    // MARK: - The loop

    private func run() async {
        let connectionOptions = RedisConnectionOptions(clientName: "locktop", reconnect: ReconnectPolicy(attemptsPerCommand: 1))
        let connection = RedisConnection(endpoint: endpoint, options: connectionOptions)
        var scanner = KeyspaceScanner(connection: connection, options: scanOptions)
        var snapshot = Snapshot.empty
        var failures = 0
        // Decided once per connection: what the user may do is found at connect, and a
        // refused command is not sent again until the connection is made anew.
        var listening: Listening?
        var lastFullScan = ContinuousClock.now
        var generator = SystemRandomNumberGenerator()
        var sentinelWatcher: Task<Void, Never>?
        if case .sentinel(let sentinel) = endpoint.address { sentinelWatcher = watch(sentinel) }
        defer {
            listening?.end()
            sentinelWatcher?.cancel()
        }

        while !Task.isCancelled {
            do throws(RedisError) {
                if masterSwitched.withLock({ switched in defer { switched = false }; return switched }) {
                    // The old master answers reads as a replica, and its events stop: start over on the new one.
                    await connection.close()
                    listening?.end()
                    listening = nil
                }
                if let patterns = patternSwitch.withLock({ taken in defer { taken = nil }; return taken }) {
                    var options = scanner.options
                    options.patterns = patterns.isEmpty ? ScanOptions.defaultPatterns : patterns
                    scanner = KeyspaceScanner(connection: connection, options: options)
                    // Keyspace events are subscribed per pattern: listen again for the new ones.
                    listening?.end()
                    listening = nil
                }
                if listening == nil {
                    let decided = try await listen(mode: try await decideMode(connection), patterns: scanner.options.patterns)
                    continuation.yield(.mode(decided.mode))
                    listening = decided
                }
                let mode = listening?.mode ?? .polling(reason: "starting")
                // The first scan shows what it finds as it goes; later ones replace a snapshot already on screen.
                let feed = continuation
                let partial: (@Sendable (Snapshot) -> Void)? = snapshot.takenAt == .distantPast ? { @Sendable found in _ = feed.yield(.snapshot(found)) } : nil
                snapshot = try await scanner.scan(previous: snapshot, progress: { progress in _ = feed.yield(.progress(progress)) }, partial: partial)
                lastFullScan = ContinuousClock.now
                continuation.yield(.snapshot(snapshot))
                if failures > 0 { continuation.yield(.connection(.connected)) }
                failures = 0
                try await followChanges(scanner, &snapshot, mode: mode, lastFullScan: &lastFullScan)
            } catch {
                failures += 1
                continuation.yield(.connection(.reconnecting(attempt: failures, reason: error.description)))
                // The server may have restarted with other settings: decide the mode again.
                listening?.end()
                listening = nil
                let delay = connectionOptions.reconnect.delay(afterFailures: failures, using: &generator)
                try? await Task.sleep(for: max(delay, .milliseconds(100)))
            }
        }
    }

    /// Refreshes touched keys until a full rescan is due (or asked for).
    private func followChanges(_ scanner: KeyspaceScanner, _ snapshot: inout Snapshot, mode: FeedMode,
                               lastFullScan: inout ContinuousClock.Instant) async throws(RedisError) {
        let polling = if case .polling = mode { true } else { false }
        let tick = polling ? options.refreshInterval : options.rescanInterval
        while !Task.isCancelled {
            let batch = await dirty.next(timeout: tick)
            if batch.rescan { return }
            let now = ContinuousClock.now
            if now - lastFullScan >= options.rescanInterval { return }
            if polling && batch.keys.isEmpty {
                if snapshot.scannedKeys <= options.smallKeyspace { return }
                try await rereadAll(scanner, &snapshot)
                continue
            }
            try await refresh(batch.keys, scanner, &snapshot, events: batch.events)
        }
    }

    private func refresh(_ keys: [[UInt8]], _ scanner: KeyspaceScanner, _ snapshot: inout Snapshot,
                         events: [[UInt8]: [String]]) async throws(RedisError) {
        guard !keys.isEmpty else { return }
        var removed: [[UInt8]] = []
        var strings: [[UInt8]] = []
        var others: [[UInt8]] = []
        for key in keys {
            switch events[key].map(KeyspaceEvents.effect(of:)) {
            case .removed: removed.append(key)
            case .stringWritten: strings.append(key)
            case .changed, nil: others.append(key)
            }
        }
        let now = Date()
        let changes = try await scanner.refresh(others, strings: strings, removed: removed)
        let lines = events.map { key, keyEvents in
            LiveEvent(time: now, key: key, kind: KeyspaceEvents.liveKind(of: keyEvents, existedBefore: snapshot.entity(for: key) != nil))
        }
        snapshot = snapshot.updating(changes, at: now)
        continuation.yield(.snapshot(snapshot))
        if !lines.isEmpty { continuation.yield(.events(lines.sorted { $0.key.lexicographicallyPrecedes($1.key) })) }
    }

    /// Polling a large keyspace: reads every key the snapshot has again (no SCAN) into a new
    /// snapshot. In batches, so that only one batch of replies and records is held at a time.
    private func rereadAll(_ scanner: KeyspaceScanner, _ snapshot: inout Snapshot) async throws(RedisError) {
        let classifier = scanner.classifier
        let keys = snapshot.keys
        let now = Date()
        var entities = SortedEntities()
        entities.reserve(like: snapshot)
        var start = 0
        while start < keys.count {
            let batch = Array(keys[start..<min(keys.count, start + 1000)])
            for entity in try await classifier.classify(batch, now: now) { entities.append(snapshot.sharingStorage(entity)) }
            start += batch.count
        }
        snapshot = Snapshot(takenAt: now, scannedKeys: snapshot.scannedKeys, sorted: entities)
        continuation.yield(.snapshot(snapshot))
    }

    /// Notifications if the server sends them (or may be told to), polling otherwise.
    private func decideMode(_ connection: RedisConnection) async throws(RedisError) -> FeedMode {
        guard let reply = try await connection.sendIfPermitted("CONFIG", "GET", "notify-keyspace-events") else {
            return .polling(reason: "no CONFIG access")
        }
        let flags = reply.array?.last?.string ?? ""
        if KeyspaceEvents.covers(flags) { return .notifications }
        guard options.enableNotifications else {
            return .polling(reason: "keyspace notifications are off; --enable-notifications turns them on")
        }
        guard !options.readOnly else { return .polling(reason: "keyspace notifications are off and --read-only forbids CONFIG SET") }
        do {
            _ = try await NotificationSetting.enable(on: connection)
            return .notifications
        } catch {
            if case .server(_, _, let message) = error { return .polling(reason: "CONFIG SET refused: \(VisibleText.escape(message))") }
            throw error
        }
    }

    /// Follows what the sentinels publish about the master: reports a failover while it runs,
    /// and after `+switch-master` makes the feed connect again (to the new master) at once.
    private func watch(_ sentinel: SentinelAddress) -> Task<Void, Never> {
        Task { [continuation, dirty, self] in
            var tracker = SentinelFailoverTracker(master: sentinel.master)
            // The first sentinel that answers; the subscriber reconnects to it by itself.
            var chosen: Subscriber?
            while chosen == nil, !Task.isCancelled {
                for node in sentinel.nodes {
                    guard let made = try? Subscriber(endpoint: .tcp(node.host, port: node.port),
                                                     options: RedisConnectionOptions(clientName: "locktop-sentinel")) else { continue }
                    if (try? await made.psubscribe(["*"])) != nil {
                        chosen = made
                        break
                    }
                    made.stop()
                }
                if chosen == nil { try? await Task.sleep(for: .seconds(1)) }
            }
            guard let subscriber = chosen else { return }
            defer { subscriber.stop() }
            for await event in subscriber.events {
                guard case .message(let message) = event else { continue }
                switch tracker.apply(channel: message.channelName, payload: message.payloadText) {
                case .none:
                    break
                case .state(let state):
                    continuation.yield(.failover(state))
                case .switched:
                    continuation.yield(.failover(nil))
                    self.masterSwitched.withLock { $0 = true }
                    dirty.requestRescan()
                }
            }
        }
    }

    /// Subscribes to keyspace events (when on) and to LockKit release messages. A user without
    /// access to those channels polls instead, and the mode says so.
    private func listen(mode: FeedMode, patterns keyPatterns: [String]) async throws(RedisError) -> Listening {
        let subscriber = try Subscriber(endpoint: endpoint, options: RedisConnectionOptions(clientName: "locktop-feed"))
        var patterns = ["lock:channel:*"]
        if case .notifications = mode {
            patterns += keyPatterns.map { KeyspaceEvents.channelPattern(database: endpoint.database, keyPattern: $0) }
        }
        do {
            try await subscriber.psubscribe(patterns)
        } catch {
            subscriber.stop()
            guard case .server = error else { throw error }
            return Listening(mode: .polling(reason: FeedMode.withoutChannels(mode, every: options.refreshInterval)), subscriber: nil, task: nil)
        }
        let dirty = self.dirty
        let ownedSlots = options.ownedSlots
        let task = Task {
            for await event in subscriber.events {
                switch event {
                case .message(let message):
                    if let key = KeyspaceEvents.key(fromChannel: message.channel) {
                        dirty.add(key, event: message.payloadText)
                    } else if let key = KeyspaceEvents.lockKey(fromReleaseChannel: message.channel),
                              ownedSlots.map({ slots in slots.contains { $0.contains(HashSlot.of(key)) } }) ?? true {
                        dirty.add(key, event: "del")
                    }
                case .resubscribed:
                    // Events were missed while disconnected: look at everything again.
                    dirty.requestRescan()
                case .disconnected:
                    // Nothing else may be sent for a while (no poll, no rescan due): look now,
                    // so a lost server shows as reconnecting at once.
                    dirty.requestRescan()
                }
            }
        }
        return Listening(mode: mode, subscriber: subscriber, task: task)
    }
}

/// How a feed learns of changes on its current connection, and what it listens with.
private struct Listening {
    let mode: FeedMode
    let subscriber: Subscriber?
    let task: Task<Void, Never>?

    func end() {
        task?.cancel()
        subscriber?.stop()
    }
}
