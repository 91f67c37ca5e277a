import Foundation
import RedisClient

/// The one path from key names to entities: read them (pipelined, within the caps) and
/// classify them. A scan's batches, the refresh of keys that changed, and the polling reread
/// of a large keyspace all go through it, so they can never classify a key differently.
public struct KeyClassifier: Sendable {
    public let reader: KeyReader
    public let recognition: Recognition

    public init(reader: KeyReader, recognition: Recognition = .standard) {
        self.reader = reader
        self.recognition = recognition
    }

    /// The entities of the keys that still exist. `likelyStrings` reads them as strings first
    /// (two commands a key, see `KeyReader.readStrings`), for keys a scan just found.
    public func classify(_ keys: [[UInt8]], likelyStrings: Bool = false, now: Date = Date()) async throws(RedisError) -> [Entity] {
        let records = likelyStrings ? try await reader.readStrings(keys) : try await reader.read(keys)
        return records.map { recognition.classify($0, now: now) }
    }

    /// What each of these keys is now, or `nil` for a key that is gone: a refresh's changes.
    /// `strings` were just written as strings (a keyspace event said so); `removed` are known
    /// to be gone and are not read.
    public func changes(strings: [[UInt8]] = [], others: [[UInt8]], removed: [[UInt8]] = [],
                        now: Date = Date()) async throws(RedisError) -> [[UInt8]: Entity?] {
        var changes: [[UInt8]: Entity?] = [:]
        for key in removed + strings + others { changes[key] = .some(nil) }
        for entity in try await classify(strings, likelyStrings: true, now: now) + (try await classify(others, now: now)) {
            changes[entity.key] = entity
        }
        return changes
    }
}
