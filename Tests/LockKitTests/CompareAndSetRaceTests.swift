import Foundation
import LockKit
import RedisClient
import TestSupport
import Testing

/// Token-compared release and extend against another client that re-acquires the lock at
/// the same moment: for every path (Lua, native SET IFEQ, WATCH), in every trial, whichever
/// order the server ran the two in, the other owner's lock survives untouched. Both requests
/// of a trial are in flight together, each on its own connection and thread.
@Suite struct CompareAndSetRaceTests {
    /// 2,000 per path in `make test`; `LOCKTOP_RACE_TRIALS=10000` for the README's figure.
    static let trials = ProcessInfo.processInfo.environment["LOCKTOP_RACE_TRIALS"].flatMap { Int($0) } ?? 2_000

    /// Every path on a server that has it. Native release (DELIFEQ, DELEX) needs Valkey 9 or
    /// Redis 8.4, which cannot run here: not listed, not claimed.
    static let releasePaths: [(ServerSetup, CompareAndSetPath)] = [
        (.redis, .lua), (.valkey, .lua), (.redisWithoutLua, .watch), (.valkeyWithoutLua, .watch),
    ]
    static let extendPaths: [(ServerSetup, CompareAndSetPath)] = [
        (.redis, .lua), (.valkey, .lua), (.valkey, .native), (.valkeyWithoutLua, .native),
        (.redisWithoutLua, .watch), (.valkeyWithoutLua, .watch),
    ]

    @Test(.serialized, arguments: releasePaths)
    func aReleaseNeverDeletesTheLockAnotherOwnerTookMeanwhile(setup: ServerSetup, path: CompareAndSetPath) async throws {
        let server = try await setup.start()
        let (holder, other) = (try await server.connect(), try await server.connect())
        let keys = try await Self.lockKeys(on: holder)
        var released = 0
        for (index, key) in keys.enumerated() {
            async let outcome = holder.releaseIfOwned(key, token: Self.holderToken, channel: nil, path: path)
            async let taken = other.send("SET", key, Self.otherToken(index), "PX", Self.otherTTL)
            if try await outcome.isDone { released += 1 }
            _ = try await taken
        }
        let values = try await other.pipeline(keys.map { RedisCommand("GET", $0) })
        let lost = zip(values, keys.indices).filter { $0.0.string != Self.otherToken($0.1) }
        #expect(lost.isEmpty, "\(lost.count) of \(keys.count) trials deleted the other owner's lock (\(setup), \(path))")
        print("race \(setup) release via \(path): \(keys.count) trials, \(released) released before the other owner took it, 0 other owners' locks deleted")
        await server.stop()
    }

    @Test(.serialized, arguments: extendPaths)
    func anExtendNeverExtendsTheLockAnotherOwnerTookMeanwhile(setup: ServerSetup, path: CompareAndSetPath) async throws {
        let server = try await setup.start()
        let (holder, other) = (try await server.connect(), try await server.connect())
        let keys = try await Self.lockKeys(on: holder)
        var extended = 0
        for (index, key) in keys.enumerated() {
            let change: TTLChange = index.isMultiple(of: 2) ? .add(milliseconds: 5_000) : .set(milliseconds: 15_000)
            async let outcome = holder.extendIfOwned(key, token: Self.holderToken, change: change, path: path)
            async let taken = other.send("SET", key, Self.otherToken(index), "PX", Self.otherTTL)
            if try await outcome.isDone { extended += 1 }
            _ = try await taken
        }
        // The holder's TTLs stay under 11 min; the other owner's lock was set to 2 h.
        let replies = try await other.pipeline(keys.flatMap { [RedisCommand("GET", $0), RedisCommand("PTTL", $0)] })
        var touched = 0
        for index in keys.indices where replies[2 * index].string != Self.otherToken(index) || (replies[2 * index + 1].int ?? 0) < Self.otherTTL / 2 {
            touched += 1
        }
        #expect(touched == 0, "\(touched) of \(keys.count) trials changed the other owner's lock (\(setup), \(path))")
        print("race \(setup) extend via \(path): \(keys.count) trials, \(extended) extended before the other owner took it, 0 other owners' locks changed")
        await server.stop()
    }

    static let holderToken = "1700000000000-holder-1-00000001"

    /// TTLs far apart and far longer than any stall of a loaded machine: the holder's 10 min
    /// (at most 10 min 5 s after an extend), the other owner's 2 h. None expires during a run.
    static let holderTTL = 600_000
    static let otherTTL = 7_200_000

    static func otherToken(_ index: Int) -> String { "1700000000000-other-2-\(index)" }

    /// `trials` keys holding the holder's token, written in one pipeline.
    static func lockKeys(on connection: RedisConnection) async throws -> [String] {
        let keys = (0..<trials).map { "lock:{race:\($0)}" }
        let replies = try await connection.pipeline(keys.map { RedisCommand("SET", $0, holderToken, "PX", holderTTL) })
        #expect(replies.allSatisfy { $0.isOK })
        return keys
    }
}
