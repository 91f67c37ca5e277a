import Foundation
import RedisClient

/// How far a full scan has come, for a progress bar on a large server.
public struct ScanProgress: Sendable, Hashable {
    public var scannedKeys: Int
    /// DBSIZE when the scan started.
    public var totalKeys: Int
    public var matchedKeys: Int
    public var finished: Bool
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
    /// Keys are filtered on the connection's thread as SCAN replies arrive, and matching keys
    /// are read on a second connection while the next SCAN page is fetched, so reading
    /// overlaps scanning. With a single pattern the server filters (SCAN MATCH).
    ///
    /// Locks found unchanged in `previous` (the last snapshot) share its strings.
    public func scan(previous: Snapshot = .empty, progress: @Sendable (ScanProgress) -> Void = { _ in }) async throws(RedisError) -> Snapshot {
        let total = try await connection.send("DBSIZE").int ?? 0
        let readerConnection = RedisConnection(endpoint: connection.endpoint, options: connection.options)
        defer { Task { await readerConnection.close() } }
        let reader = KeyReader(connection: readerConnection, caps: options.caps)
        let serverMatch: String? = options.patterns.count == 1 ? options.patterns[0] : nil
        let globs = self.globs
        let filterOnClient = serverMatch == nil
        let keep: @Sendable (UnsafeRawBufferPointer) -> Bool = { key in
            !filterOnClient || globs.contains { $0.matches(key) }
        }

        var cursor: [UInt8] = Array("0".utf8)
        var scanned = 0
        // Straight into one array per kind, as the snapshot keeps them: no dictionary of every
        // key, no array of every entity. The snapshot drops keys SCAN returned twice.
        var entities = SortedEntities()
        var waiting: [[UInt8]] = []
        var inFlight: Task<[KeyRecord], any Error>?
        let now = Date()
        var pace = ScanPace(start: options.count, maximum: options.maximumCount)
        let clock = ContinuousClock()

        repeat {
            let asked = clock.now
            let page = try await connection.scanPage(cursor: cursor, match: serverMatch, count: pace.count, where: keep)
            pace.record(roundTrip: clock.now - asked)
            cursor = page.cursor
            scanned += page.returned
            waiting += page.keys
            if waiting.count >= 256 || (page.isLast && !waiting.isEmpty) {
                for record in try await records(of: inFlight) {
                    entities.append(previous.sharingStorage(recognition.classify(record, now: now)))
                }
                let batch = waiting
                waiting.removeAll(keepingCapacity: true)
                inFlight = Task { try await reader.read(batch) }
            }
            progress(ScanProgress(scannedKeys: scanned, totalKeys: total, matchedKeys: entities.count, finished: false))
        } while cursor != Array("0".utf8)
        for record in try await records(of: inFlight) { entities.append(previous.sharingStorage(recognition.classify(record, now: now))) }
        progress(ScanProgress(scannedKeys: scanned, totalKeys: total, matchedKeys: entities.count, finished: true))
        return Snapshot(takenAt: Date(), scannedKeys: scanned, sorted: entities)
    }

    private func records(of task: Task<[KeyRecord], any Error>?) async throws(RedisError) -> [KeyRecord] {
        guard let task else { return [] }
        do {
            return try await task.value
        } catch let error as RedisError {
            throw error
        } catch {
            throw RedisError.closed(endpoint: connection.endpoint.description, command: "read keys")
        }
    }

    /// Reads and classifies just these keys (after a keyspace event); `nil` for keys now gone.
    public func refresh(_ keys: [[UInt8]]) async throws(RedisError) -> [[UInt8]: Entity?] {
        let reader = KeyReader(connection: connection, caps: options.caps)
        let now = Date()
        var changes: [[UInt8]: Entity?] = [:]
        for key in keys { changes[key] = .some(nil) }
        for record in try await reader.read(keys) { changes[record.key] = recognition.classify(record, now: now) }
        return changes
    }
}
