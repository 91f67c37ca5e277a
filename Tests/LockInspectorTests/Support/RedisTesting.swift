import Foundation
@testable import LockInspector
import RedisClient
import Synchronization
import TestSupport

/// Runs `body` against a fresh server (redis-server unless `setup` says otherwise) and
/// always stops the server, even when `body` throws.
func withRedis<T>(_ setup: ServerSetup = .redis, _ body: (RedisServer, RedisConnection) async throws -> T) async throws -> T {
    let server = try await setup.start()
    do {
        let result = try await body(server, try await server.connect(commandTimeout: .seconds(10)))
        await server.stop()
        return result
    } catch {
        await server.stop()
        throw error
    }
}

/// Waits until `condition` holds by asking again (each ask is a round trip), with a generous limit.
func waitUntil(_ what: String, _ condition: () async throws -> Bool) async throws {
    struct NeverHappened: Error, CustomStringConvertible {
        let description: String
    }
    let deadline = ContinuousClock.now + .seconds(60)
    while try await !condition() {
        guard ContinuousClock.now < deadline else { throw NeverHappened(description: "never happened: \(what)") }
        try await Task.sleep(for: .milliseconds(1))
    }
}

extension Snapshot {
    /// The entity of the key `name`.
    subscript(_ name: String) -> Entity? { entity(for: Array(name.utf8)) }
}

/// A recogniser that claims nothing and remembers what the scanner read, so a test can check
/// that no read went past the caps.
final class ReadProbe: Recognizer {
    struct Seen: Sendable {
        var key: [UInt8]
        /// Bytes of a string, fields of a hash, members, elements or entries read.
        var readItems: Int
        var type: KeyType
    }

    private let seen = Mutex<[Seen]>([])

    var all: [Seen] { seen.withLock { $0 } }

    func recognize(_ record: KeyRecord, now: Date) -> Entity? {
        let items = switch record.value {
        case .string(let prefix, _): prefix.count
        case .hash(let fields, _): fields.count
        case .zset(let members, _): members.count
        case .list(let elements, _): elements.count
        case .stream(let entries, _): entries.count
        case .set, .unread: 0
        }
        seen.withLock { $0.append(Seen(key: record.key, readItems: items, type: record.type)) }
        return nil
    }

    /// The cap that applies to a key of `type`.
    static func cap(of type: KeyType, _ caps: ReadCaps) -> Int {
        switch type {
        case .string: caps.stringBytes
        case .hash: caps.hashFields
        case .zset: caps.zsetMembers
        case .list: caps.listElements
        case .stream: caps.streamEntries
        case .set, .none, .other: 0
        }
    }
}
