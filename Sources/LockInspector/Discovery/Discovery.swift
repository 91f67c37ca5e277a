import Foundation
import RedisClient
import Synchronization

/// What `locktop discover` found: every group of keys that is, or may be, a lock or one of
/// the structures around locks, and what the pass cost.
public struct DiscoveryReport: Sendable {
    public var groups: [DiscoveryGroup]
    public var scannedKeys: Int
    /// Keys whose value was read: samples of every pattern, then all keys of the patterns
    /// whose samples were recognised.
    public var readKeys: Int
    public var patterns: Int

    public init(groups: [DiscoveryGroup], scannedKeys: Int, readKeys: Int, patterns: Int) {
        self.groups = groups
        self.scannedKeys = scannedKeys
        self.readKeys = readKeys
        self.patterns = patterns
    }

    /// Globs of the groups found to be locks (or to serve locks), for a connection profile.
    public var lockPatterns: [String] {
        Array(Set(groups.filter { $0.family != .unknown && $0.confidence == .lock }.map(\.pattern))).sorted()
    }
}

/// One pass over the whole keyspace to find locks wherever they live: SCAN without MATCH at
/// a paced COUNT (`ScanPace`: every call well under 2 ms of server time), each key filed
/// under its inferred pattern (`KeyPattern`) on the client, then a few keys of each pattern
/// read and classified, then every key of the patterns whose samples were recognised
/// (pipelined, `KeyClassifier`). Values of the other patterns are never read.
public struct Discovery: Sendable {
    public let connection: RedisConnection
    public var count: Int
    public var maximumCount: Int
    /// Keys read per pattern to decide whether to read the rest.
    public var samplesPerPattern: Int
    /// At most this many patterns are kept apart; keys of further ones are filed under `*`.
    public var maximumPatterns: Int

    public init(connection: RedisConnection, count: Int = 500, maximumCount: Int = 5000, samplesPerPattern: Int = 8,
                maximumPatterns: Int = 20_000) {
        self.connection = connection
        self.count = count
        self.maximumCount = maximumCount
        self.samplesPerPattern = samplesPerPattern
        self.maximumPatterns = maximumPatterns
    }

    public func run() async throws(RedisError) -> DiscoveryReport {
        let filed = FiledKeys(maximumPatterns: maximumPatterns)
        let end = try await connection.scanPass(match: nil, schedule: ScanPace(start: count, maximum: maximumCount),
                                                stopsWhenCancelled: false, where: { _ in true }) { page in filed.add(page) }
        let byPattern = filed.patterns
        let reader = RedisConnection(endpoint: connection.endpoint, options: connection.options)
        defer { Task { await reader.close() } }
        let classifier = KeyClassifier(reader: KeyReader(connection: reader))
        let now = Date()

        // Samples first: a pattern is read in full only when one of its samples is recognised.
        var samples: [[UInt8]] = []
        for keys in byPattern.values { samples += keys.prefix(samplesPerPattern) }
        var recognised = Set<String>()
        var sampled: [[UInt8]: Entity] = [:]
        for batch in Self.batches(samples) {
            for entity in try await classifier.classify(batch, likelyStrings: true, now: now) {
                sampled[entity.key] = entity
                if case .unknown = entity { continue }
                recognised.insert(KeyPattern.infer(entity.key))
            }
        }
        var groups: [DiscoveryGroup] = []
        var read = samples.count
        for (pattern, keys) in byPattern where recognised.contains(pattern) || filed.overflowed && pattern == "*" {
            var entities = keys.prefix(samplesPerPattern).compactMap { sampled[$0] }
            // Samples that are all possible locks with long TTLs (session ids, cache tokens): the
            // rest of the pattern is not read, and the group is told from its samples.
            if entities.count == min(keys.count, samplesPerPattern), entities.allSatisfy(Self.isPossibleOnly),
               var group = DiscoveryGroup.groups(pattern: pattern, entities: entities).first, group.confidence == .possible {
                if keys.count > entities.count { group.evidence += " (told from \(entities.count) samples)" }
                group.count = keys.count
                groups.append(group)
                continue
            }
            let rest = Array(keys.dropFirst(samplesPerPattern))
            read += rest.count
            for batch in Self.batches(rest) { entities += try await classifier.classify(batch, likelyStrings: true, now: now) }
            groups += DiscoveryGroup.groups(pattern: pattern, entities: entities).filter { $0.family != .unknown }
        }
        groups.sort { ($0.confidence == .lock ? 0 : 1, -$0.count, $0.pattern) < ($1.confidence == .lock ? 0 : 1, -$1.count, $1.pattern) }
        return DiscoveryReport(groups: groups, scannedKeys: filed.scanned - end.duplicates, readKeys: read, patterns: byPattern.count)
    }

    /// A lock only its token's shape makes one, with a TTL longer than locks have.
    private static func isPossibleOnly(_ entity: Entity) -> Bool {
        guard case .lock(let lock) = entity, lock.confidence == .possible, case .remaining(let left) = lock.ttl else { return false }
        return left.secondsValue > DiscoveryGroup.lockLikeTTL
    }

    private static func batches(_ keys: [[UInt8]]) -> [[[UInt8]]] {
        stride(from: 0, to: keys.count, by: 1000).map { Array(keys[$0..<min(keys.count, $0 + 1000)]) }
    }
}

/// Keys by inferred pattern, filled from the scanning thread.
private final class FiledKeys: Sendable {
    private struct State {
        var patterns: [String: [[UInt8]]] = [:]
        var scanned = 0
        var overflowed = false
    }

    private let state = Mutex(State())
    private let maximumPatterns: Int

    init(maximumPatterns: Int) { self.maximumPatterns = maximumPatterns }

    func add(_ page: ScanPage) {
        let inferred = page.keys.map { ($0, KeyPattern.infer($0)) }
        state.withLock { state in
            state.scanned += page.returned
            for (key, pattern) in inferred {
                if state.patterns[pattern] == nil, state.patterns.count >= maximumPatterns {
                    state.overflowed = true
                    state.patterns["*", default: []].append(key)
                } else {
                    state.patterns[pattern, default: []].append(key)
                }
            }
        }
    }

    var patterns: [String: [[UInt8]]] { state.withLock { $0.patterns } }
    var scanned: Int { state.withLock { $0.scanned } }
    var overflowed: Bool { state.withLock { $0.overflowed } }
}
