import Foundation
@testable import LockInspector
import LockKit
import RedisClient
import TestSupport
import Testing

/// Keyspaces written by other libraries: the Python ones by the libraries themselves, the
/// Java, Node, Go and PHP ones with their exact key and value shapes via plain commands.
@Suite(.serialized) struct PeerLibrariesTests {
    /// Takes locks with long TTLs (and some with none) with every Python lock library in the
    /// venv (pinned in bench/requirements.txt), and exits without running destructors (sherlock
    /// releases in `__del__`), leaving them held.
    static let takeLocks = """
        import json, os, sys
        port = int(sys.argv[1])
        import redis, redis_lock, valkey, sherlock, redlock, walrus, redis_rw_lock, pylock, redis_distributed_lock
        from pottery import Redlock
        conn = redis.Redis(host="127.0.0.1", port=port)
        taken = {}
        taken["python-redis-lock"] = redis_lock.Lock(conn, "orders", expire=60).acquire(blocking=False)
        taken["python-redis-lock, no expiry"] = redis_lock.Lock(conn, "forever").acquire(blocking=False)
        released = redis_lock.Lock(conn, "released", expire=60, signal_expire=60000)
        taken["python-redis-lock, released"] = released.acquire(blocking=False)
        released.release()
        taken["redis-py"] = conn.lock("invoice:lock", timeout=60).acquire(blocking=False)
        taken["redis-py, no expiry"] = conn.lock("report:lock").acquire(blocking=False)
        taken["redis-py, named after the resource"] = conn.lock("orders:42", timeout=60).acquire(blocking=False)
        taken["pottery"] = Redlock(key="report", masters={conn}, auto_release_time=60).acquire(blocking=False)
        taken["valkey-py"] = valkey.Valkey(host="127.0.0.1", port=port).lock("checkout", timeout=60).acquire(blocking=False)
        held = sherlock.RedisLock("report-build", client=conn, expire=60)
        taken["sherlock"] = held.acquire(blocking=False)
        taken["redlock"] = redlock.RedLock("nightly-export", connection_details=[{"host": "127.0.0.1", "port": port}], ttl=60000).acquire()
        taken["walrus"] = walrus.Database(host="127.0.0.1", port=port).lock("invoices", ttl=60000).acquire(block=False)
        taken["redis-rw-lock"] = redis_rw_lock.RWLock(conn, "catalog", redis_rw_lock.RWLock.WRITE, expire=60).acquire() is not False
        pylock.Lock("reindex", expires=60, backend_class_path="pylock.backends.redis_lock.RedisLock",
                    backend_connection="redis://127.0.0.1:%d/0" % port).__enter__()
        taken["pylock"] = True
        taken["redis-distributed-lock"] = redis_distributed_lock.RDLock(conn).acquire_no_block("payments", expire=60000)
        print(json.dumps(taken), flush=True)
        os._exit(0)
        """

    /// What each library's key must be found as: library name only on specific evidence.
    static let expected: [(key: String, family: LockFamily, resource: String, expires: Bool, confidence: LockConfidence)] = [
        ("lock:orders", .pythonRedisLock, "orders", true, .lock),
        ("lock:forever", .pythonRedisLock, "forever", false, .lock),
        // redis-py 8.2 writes uuid4().hex, as node-redlock and others write random hex: the shape, not a name.
        ("invoice:lock", .tokenHex32, "invoice:lock", true, .lock),
        ("report:lock", .tokenHex32, "report:lock", false, .lock),
        ("orders:42", .tokenHex32, "orders:42", true, .possible),
        ("redlock:report", .pottery, "report", true, .lock),
        // valkey-py's uuid1().hex, as redis-py wrote it before 8.2.
        ("checkout", .tokenHex32, "checkout", true, .possible),
        ("report-build", .tokenUUID, "report-build", true, .possible),
        ("nightly-export", .tokenHex32, "nightly-export", true, .possible),
        ("lock:invoices", .walrus, "invoices", true, .lock),
        // redis-rw-lock takes python-redis-lock locks under its own names.
        ("lock:lock:no_writers:catalog", .pythonRedisLock, "lock:no_writers:catalog", true, .lock),
        ("lock:lock:no_readers:catalog", .pythonRedisLock, "lock:no_readers:catalog", true, .lock),
        ("pylock:reindex", .pylock, "reindex", true, .lock),
        ("lock_payments", .tokenUUID, "lock_payments", true, .lock),
    ]

    @Test func locksTakenByThePythonLibrariesAreRecognised() async throws {
        try await withRedis { server, redis in
            guard case .tcp(_, let port) = server.endpoint.address else { throw PythonPeers.Failed(description: "not TCP") }
            let before = Date()
            let output = try await PythonPeers.runScript(Self.takeLocks, arguments: [String(port)])
            let after = Date()
            let taken = try JSONDecoder().decode([String: Bool].self, from: Data(output.utf8))
            #expect(taken.count == 14 && taken.values.allSatisfy { $0 }, "\(output)")

            // Most of them are named after the resource: only a scan of every key finds them.
            let snapshot = try await KeyspaceScanner(connection: redis, options: ScanOptions(patterns: ["*"]), recognition: .standard).scan()

            for lock in Self.expected {
                let found = try #require(Records.lock(snapshot[lock.key]), "\(lock.key): \(String(describing: snapshot[lock.key]))")
                #expect(found.family == lock.family, "\(lock.key)")
                #expect(found.confidence == lock.confidence, "\(lock.key)")
                #expect(found.kind == .mutex)
                #expect(found.resource == lock.resource, "\(lock.key)")
                let value = try #require(try await redis.send("GET", lock.key).bytes)
                #expect(found.rawToken == value, "\(lock.key)")
                if lock.expires {
                    #expect(ScannerTests.isRemaining(found.ttl, atMost: .seconds(60)), "\(lock.key): \(found.ttl)")
                } else {
                    #expect(found.ttl == .noExpiry, "\(lock.key)")
                }
            }
            // valkey-py's uuid1 token says when it was made, by this machine's clock.
            let acquiredAt = try #require(Records.lock(snapshot["checkout"])?.owners.first?.acquiredAt)
            #expect(acquiredAt >= before.addingTimeInterval(-1) && acquiredAt <= after.addingTimeInterval(1))
            #expect(Records.lock(snapshot["invoice:lock"])?.owners.first?.acquiredAt == nil)

            let signal = try #require(Records.auxiliary(snapshot["lock-signal:released"]))
            #expect(signal.family == .pythonRedisLock)
            // redis-rw-lock's reader and writer counts are plain numbers: shown, as unknown.
            let unknown = Set(snapshot.unknown.map { String(decoding: $0.key, as: UTF8.self) })
            #expect(unknown.allSatisfy { $0.hasPrefix("lock:switch:counter:") }, "\(unknown)")
            #expect(snapshot.locks.count == Self.expected.count,
                    "\(snapshot.locks.map { String(decoding: $0.key, as: UTF8.self) })")
        }
    }

    @Test(arguments: ServerSetup.bothKinds)
    func redissonsLayoutsAreRecognised(on setup: ServerSetup) async throws {
        let client = Tokens.redissonClient
        let other = "0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d"
        try await withRedis(setup) { _, redis in
            // RLock held twice (reentrant) by thread 1, with the watchdog's 30 s lease.
            try await redis.send("HSET", "orders:lock", "\(client):1", 2)
            try await redis.send("PEXPIRE", "orders:lock", 30_000)
            // FairLock: held by thread 1; threads 2 and 3 of another client wait in line.
            let now = Int(Date().timeIntervalSince1970 * 1000)
            try await redis.send("HSET", "fair-lock", "\(client):1", 1)
            try await redis.send("PEXPIRE", "fair-lock", 30_000)
            try await redis.send("RPUSH", "redisson_lock_queue:{fair-lock}", "\(other):2", "\(other):3")
            try await redis.send("ZADD", "redisson_lock_timeout:{fair-lock}", now + 330_000, "\(other):2", now + 630_000, "\(other):3")
            // ReadWriteLock in read mode, two readers, each read hold with its timeout key.
            try await redis.send("HSET", "catalog-lock", "mode", "read", "\(client):1", 1, "\(other):7", 2)
            try await redis.send("PEXPIRE", "catalog-lock", 30_000)
            try await redis.send("SET", "{catalog-lock}:\(client):1:rwlock_timeout:1", 1, "PX", 30_000)
            // ReadWriteLock in write mode.
            try await redis.send("HSET", "ledger-lock", "mode", "write", "\(client):4:write", 1)
            try await redis.send("PEXPIRE", "ledger-lock", 30_000)
            // FencedLock's token counter, an unlock latch and an expirable semaphore's permits.
            try await redis.send("INCR", "redisson_lock_token:{fenced-lock}")
            try await redis.send("SET", "redisson_unlock_latch:{orders:lock}:5e1f0c", 1, "PX", 60_000)
            try await redis.send("ZADD", "{permits-lock}:timeout", now + 60_000, "5f1e2d3c4b5a69788796a5b4c3d2e1f0")

            let snapshot = try await KeyspaceScanner(connection: redis, options: ScanOptions(), recognition: .standard).scan()

            let rlock = try #require(Records.lock(snapshot["orders:lock"]))
            #expect(rlock.family == .redisson)
            #expect(rlock.kind == .reentrant)
            #expect(rlock.owners == [LockOwner(token: "\(client):1", host: client, thread: "1")])
            #expect(ScannerTests.isRemaining(rlock.ttl, atMost: .seconds(30)))

            let queue = try #require(Records.queue(snapshot["redisson_lock_timeout:{fair-lock}"]))
            #expect(queue.family == .redisson)
            #expect(queue.resource == Records.lock(snapshot["fair-lock"])?.resource)
            #expect(queue.waiters.map(\.member) == ["\(other):2", "\(other):3"])
            #expect(queue.waiters.map(\.deadline) == [now + 330_000, now + 630_000].map { Date(timeIntervalSince1970: Double($0) / 1000) })
            #expect(Records.auxiliary(snapshot["redisson_lock_queue:{fair-lock}"])?.family == .redisson)

            let readers = try #require(Records.lock(snapshot["catalog-lock"]))
            #expect(readers.kind == .readWrite)
            #expect(Set(readers.owners.map(\.token)) == ["\(client):1", "\(other):7"])
            let writer = try #require(Records.lock(snapshot["ledger-lock"]))
            #expect(writer.kind == .readWrite)
            #expect(writer.owners.map(\.thread) == ["4"])

            for key in ["{catalog-lock}:\(client):1:rwlock_timeout:1", "redisson_lock_token:{fenced-lock}",
                        "redisson_unlock_latch:{orders:lock}:5e1f0c"] {
                #expect(Records.auxiliary(snapshot[key])?.family == .redisson, "\(key)")
            }
            let permits = try #require(Records.lock(snapshot["{permits-lock}:timeout"]))
            #expect(permits.kind == .semaphore)
            #expect(permits.ttl == .noExpiry)
            #expect(snapshot.unknown.isEmpty)
        }
    }

    @Test func theNodeGoAndPHPLibrariesLayoutsAreRecognised() async throws {
        try await withRedis { _, redis in
            try await redis.send("SET", "payments:lock", Tokens.nodeRedlock, "PX", 30_000)
            try await redis.send("SET", "stock-lock", Tokens.redsync, "PX", 8_000)
            try await redis.send("SET", "mutex:cart-lock", Tokens.uuid4, "PX", 10_000)
            let now = Int(Date().timeIntervalSince1970 * 1000)
            try await redis.send("ZADD", "semaphore:uploads", now, Tokens.uuid4)
            try await redis.send("PEXPIRE", "semaphore:uploads", 10_000)
            try await redis.send("SET", "bull:emails:1234:lock", "\(Tokens.uuid4):3", "PX", 30_000)
            try await redis.send("SET", "shop_database_shop_cache_import-lock", Tokens.laravel)

            let snapshot = try await KeyspaceScanner(connection: redis).scan()

            let expected: [(String, LockFamily, LockKind, Bool)] = [
                ("payments:lock", .tokenHex32, .mutex, true), ("stock-lock", .tokenBase64, .mutex, true),
                ("mutex:cart-lock", .redisSemaphore, .mutex, true), ("semaphore:uploads", .redisSemaphore, .semaphore, true),
                ("bull:emails:1234:lock", .bullmq, .mutex, true), ("shop_database_shop_cache_import-lock", .laravel, .mutex, false),
            ]
            for (key, family, kind, expires) in expected {
                let lock = try #require(Records.lock(snapshot[key]), "\(key)")
                #expect(lock.family == family, "\(key)")
                #expect(lock.kind == kind, "\(key)")
                #expect(expires ? ScannerTests.isRemaining(lock.ttl, atMost: .seconds(30)) : lock.ttl == .noExpiry, "\(key)")
            }
            #expect(Records.lock(snapshot["bull:emails:1234:lock"])?.owners.first?.host == Tokens.uuid4)
            #expect(Records.lock(snapshot["semaphore:uploads"])?.owners.first?.acquiredAt == Date(timeIntervalSince1970: Double(now) / 1000))
        }
    }
}
