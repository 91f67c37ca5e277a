import Foundation
import RedisClient

/// How far a full scan has come, for a progress bar on a large server.
public struct ScanProgress: Sendable, Hashable {
    public var scannedKeys: Int
    /// DBSIZE when the scan started.
    public var totalKeys: Int
    /// Keys matching the patterns so far; when finished, the keys read and classified.
    public var matchedKeys: Int
    public var finished: Bool

    /// The progress of several scans at once: their sums, finished when all are (a missing one has not started).
    public static func sum(_ parts: [ScanProgress?]) -> ScanProgress {
        var total = ScanProgress(scannedKeys: 0, totalKeys: 0, matchedKeys: 0, finished: true)
        for part in parts {
            guard let part else { total.finished = false; continue }
            total.scannedKeys += part.scannedKeys
            total.totalKeys += part.totalKeys
            total.matchedKeys += part.matchedKeys
            total.finished = total.finished && part.finished
        }
        return total
    }
}

/// Walks the keyspace with SCAN (never KEYS) and reads the keys that match the patterns.
public struct KeyspaceScanner: Sendable {
    public let connection: RedisConnection
    public let options: ScanOptions
    public let recognition: Recognition
    private let globs: [GlobPattern]

    public init(connection: RedisConnection, options: ScanOptions = ScanOptions(), recognition: Recognition = .standard) {
        self.connection = connection
        self.options = options
        self.recognition = recognition
        self.globs = options.patterns.map(GlobPattern.init)
    }

    /// `true` if the key matches one of the patterns.
    public func isWatched(_ key: [UInt8]) -> Bool { globs.contains { $0.matches(key) } }

    /// One full pass: every matching key read and classified.
    ///
    /// The pass runs on the connection's thread: each SCAN leaves as soon as the previous
    /// reply's cursor is in (on a large standalone Redis, as two halves with a call of each in
    /// flight), and keys are filtered in hiredis's read buffer, so only matching keys are
    /// copied (with a single pattern the server filters, SCAN MATCH). Matching keys are read
    /// on a second connection, in batches, while the pass goes on. A snapshot has every key
    /// or fails: the pass runs to its end even if the task is cancelled, as before.
    ///
    /// Locks found unchanged in `previous` (the last snapshot) share its strings.
    ///
    /// With `partial`, snapshots of what was found so far are handed to it while the pass
    /// runs (the first after `partialAfter`, then at doubling intervals) until one holds
    /// `partialLimit` entities: a first screen of a large keyspace need not wait for its end,
    /// and the memory a partial holds while the full snapshot is built stays small.
    public func scan(previous: Snapshot = .empty, progress: @Sendable (ScanProgress) -> Void = { _ in },
                     partialAfter: Duration = .milliseconds(100), partialLimit: Int = 20_000,
                     partial: (@Sendable (Snapshot) -> Void)? = nil) async throws(RedisError) -> Snapshot {
        // Only the progress bar needs it: a user refused DBSIZE scans with an unknown total.
        let total = try await connection.sendIfPermitted("DBSIZE")?.int ?? 0
        let readerConnection = RedisConnection(endpoint: connection.endpoint, options: connection.options)
        defer { Task { await readerConnection.close() } }
        let reads = MatchedKeyReads(classifier: KeyClassifier(reader: KeyReader(connection: readerConnection, caps: options.caps),
                                                              recognition: recognition), now: Date(), streams: partial != nil)
        let streaming = partial.map { partial in Self.stream(reads, scanned: { reads.tally.scanned }, first: partialAfter, limit: partialLimit, to: partial) }
        defer { streaming?.cancel() }
        let serverMatch: String? = options.patterns.count == 1 ? options.patterns[0] : nil
        let patterns = GlobSet(globs)
        let filterOnClient = serverMatch == nil
        let keep: @Sendable (UnsafeRawBufferPointer) -> Bool = { key in
            !filterOnClient || patterns.matches(key)
        }

        var inHalves = false
        if total >= options.halvesFromKeys { inHalves = try await splitsIntoHalves() }
        let duplicates: Int
        do {
            duplicates = try await connection.scanPass(match: serverMatch, schedule: ScanPace(start: options.count, maximum: options.maximumCount),
                                                       inHalves: inHalves, stopsWhenCancelled: false, where: keep) { page in
                let tally = reads.add(page)
                progress(ScanProgress(scannedKeys: tally.scanned, totalKeys: total, matchedKeys: tally.matched, finished: false))
            }.duplicates
        } catch {
            reads.cancel()
            throw error
        }
        streaming?.cancel()
        await streaming?.value
        reads.endStreaming()
        let entities = try await reads.finish(sharingWith: previous)
        let scanned = reads.tally.scanned - duplicates
        var snapshot = Snapshot(takenAt: Date(), scannedKeys: scanned, sorted: entities)
        // Once per full scan: which owners still have a connection, who waits on release channels.
        if options.readsLiveness { snapshot.liveness = try await Liveness.read(connection, locks: snapshot.locks) }
        progress(ScanProgress(scannedKeys: scanned, totalKeys: total, matchedKeys: entities.count, finished: true))
        return snapshot
    }

    /// Hands `partial` a snapshot of everything found so far, `first` after the start and then
    /// at doubling intervals, until one holds `limit` entities or the task is cancelled.
    private static func stream(_ reads: MatchedKeyReads, scanned: @escaping @Sendable () -> Int, first: Duration, limit: Int,
                               to partial: @escaping @Sendable (Snapshot) -> Void) -> Task<Void, Never> {
        Task {
            var found: [Entity] = []
            var interval = max(first, .milliseconds(1))
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                interval *= 2
                guard !Task.isCancelled else { return }
                let new = reads.takeFound()
                guard !new.isEmpty else { continue }
                found += new
                partial(Snapshot(takenAt: Date(), entities: found, scannedKeys: scanned()))
                if found.count >= limit {
                    reads.endStreaming()
                    return
                }
            }
        }
    }

    /// Whether this server's SCAN may run as two halves at once; a user not allowed INFO gets one chain.
    private func splitsIntoHalves() async throws(RedisError) -> Bool {
        ScanSplitSupport.allowsHalves(infoServer: try await connection.sendIfPermitted("INFO", "server")?.string ?? "")
    }

    /// Reads and classifies keys on this scanner's connection (refreshes, rereads).
    public var classifier: KeyClassifier {
        KeyClassifier(reader: KeyReader(connection: connection, caps: options.caps), recognition: recognition)
    }

    /// Reads and classifies just these keys (after a keyspace event); `nil` for keys now gone.
    public func refresh(_ keys: [[UInt8]], strings: [[UInt8]] = [], removed: [[UInt8]] = []) async throws(RedisError) -> [[UInt8]: Entity?] {
        try await classifier.changes(strings: strings, others: keys, removed: removed)
    }
}
