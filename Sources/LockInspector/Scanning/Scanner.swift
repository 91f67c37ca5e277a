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
public struct Scanner: Sendable {
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
    public func scan(progress: @Sendable (ScanProgress) -> Void = { _ in }) async throws(RedisError) -> Snapshot {
        let total = try await connection.send("DBSIZE").int ?? 0
        let reader = KeyReader(connection: connection, caps: options.caps)
        // One pattern: let the server filter. Several: one pass, filtered here, instead of one pass per pattern.
        let serverMatch: String? = options.patterns.count == 1 ? options.patterns[0] : nil
        var cursor: [UInt8] = Array("0".utf8)
        var scanned = 0
        var entities: [[UInt8]: Entity] = [:]
        let now = Date()
        repeat {
            var command = RedisCommand("SCAN", cursor, "COUNT", options.count)
            if let serverMatch { command = RedisCommand("SCAN", cursor, "MATCH", serverMatch, "COUNT", options.count) }
            let reply = try await connection.send(command)
            guard let parts = reply.array, parts.count == 2, let next = parts[0].bytes, let keys = parts[1].array else {
                throw RedisError.protocolViolation(endpoint: connection.endpoint.description, command: "SCAN", reason: "expected [cursor, keys], got \(reply)")
            }
            cursor = next
            scanned += keys.count
            let matched = keys.compactMap(\.bytes).filter { serverMatch != nil || isWatched($0) }
            for record in try await reader.read(matched) {
                entities[record.key] = recognition.classify(record, now: now)
            }
            progress(ScanProgress(scannedKeys: scanned, totalKeys: total, matchedKeys: entities.count, finished: false))
        } while cursor != Array("0".utf8)
        progress(ScanProgress(scannedKeys: scanned, totalKeys: total, matchedKeys: entities.count, finished: true))
        return Snapshot(takenAt: Date(), entities: entities, scannedKeys: scanned)
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
