import Foundation
@testable import LockInspector
import LockKit
import RedisClient
import Testing

/// The hand-written report JSON against Foundation's `JSONEncoder` (which wrote it before):
/// same bytes for the same report, and strings that `JSONDecoder` reads back unchanged.
@Suite struct SnapshotReportJSONTests {
    @Test func aReportWithEveryKindOfEntityIsWrittenByteForByteAsJSONEncoderWritesIt() throws {
        let report = SnapshotReport(Self.everyKind, endpoint: "127.0.0.1:6379", anomalies: Self.anomalies)
        #expect(try report.json() == Self.encodedByFoundation(report))
    }

    @Test func aClusterReportListsItsNodesAsJSONEncoderWritesThem() throws {
        let nodes = [ClusterNodeStatus(address: "127.0.0.1:7000", slotCount: 5461, scannedKeys: 10, foundKeys: 3),
                     ClusterNodeStatus(address: "127.0.0.1:7001", slotCount: 5462, problem: "cannot connect \"here\"")]
        let report = SnapshotReport(Self.everyKind, endpoint: "cluster via 127.0.0.1:7000", anomalies: [], nodes: nodes)
        let json = try report.json()
        #expect(try json == Self.encodedByFoundation(report))
        #expect(json.contains(#""nodes":[{"address":"127.0.0.1:7000","foundKeys":3,"scannedKeys":10,"slots":5461}"#))
    }

    @Test func theServerMemberIsWrittenAsJSONEncoderWritesIt() throws {
        let valkey = ServerCapabilities(server: ServerInfo(flavor: .valkey, version: ServerVersion(8, 1, 8)),
                                        scripting: false, setIfEqual: true, deleteIfEqual: nil)
        let redis = ServerCapabilities(server: ServerInfo(flavor: .redis, version: ServerVersion(8, 4, 0)),
                                       scripting: true, setIfEqual: true, deleteIfEqual: .delEx)
        for capabilities in [valkey, redis, ServerCapabilities(server: nil, scripting: true, setIfEqual: false, deleteIfEqual: nil)] {
            let report = SnapshotReport(Self.everyKind, endpoint: "127.0.0.1:6379", anomalies: [], server: capabilities)
            #expect(try report.json() == Self.encodedByFoundation(report))
        }
        let json = try SnapshotReport(Self.everyKind, endpoint: "e", anomalies: [], server: valkey).json()
        #expect(json.contains(#""server":{"flavor":"valkey","scripting":false,"setIfEqual":true,"version":"8.1.8"}"#))
    }

    @Test func anEmptySnapshotIsWrittenAsJSONEncoderWritesIt() throws {
        let report = SnapshotReport(Snapshot(takenAt: Date(timeIntervalSince1970: 0), entities: [:], scannedKeys: 0),
                                    endpoint: "unix:///tmp/redis.sock", anomalies: [])
        #expect(try report.json() == Self.encodedByFoundation(report))
    }

    @Test(arguments: SnapshotReportJSONTests.awkwardStrings)
    func stringsAreEscapedAsJSONEncoderEscapesThemAndDecodeUnchanged(_ text: String) throws {
        var writer = JSONWriter()
        writer.string(text)
        #expect(writer.text == String(decoding: try JSONEncoder.report.encode(text), as: UTF8.self))
        #expect(try JSONDecoder().decode(String.self, from: Data(writer.bytes)) == text)
    }

    @Test func everyASCIICharacterAloneAndInsideTextDecodesUnchanged() throws {
        for byte in UInt8(0)...UInt8(0x7F) {
            let character = String(UnicodeScalar(byte))
            for text in [character, "a\(character)b", "\(character)\(character)"] {
                var writer = JSONWriter()
                writer.string(text)
                #expect(writer.text == String(decoding: try JSONEncoder.report.encode(text), as: UTF8.self), "byte \(byte)")
                #expect(try JSONDecoder().decode(String.self, from: Data(writer.bytes)) == text, "byte \(byte)")
            }
        }
    }

    @Test func datesAreWrittenAsTheISO8601FormatStyleWritesThem() {
        var generator = SystemRandomNumberGenerator()
        let edges: [TimeInterval] = [0, -0.5, -1, -86_400, 0.999_999, 59.999, 86_399.999, 951_782_400 /* 2000-02-29 */,
                                     4_107_542_399.999 /* 2100-02-28T23:59:59 */, -2_208_988_800 /* 1900-01-01 */,
                                     253_402_300_799 /* 9999-12-31T23:59:59 */]
        let random = (0..<2000).map { _ in TimeInterval.random(in: -2_500_000_000...7_500_000_000, using: &generator) }
        for seconds in edges + random {
            let date = Date(timeIntervalSince1970: seconds)
            var bytes: [UInt8] = []
            ISO8601Seconds.append(date, to: &bytes)
            #expect(String(decoding: bytes, as: UTF8.self) == "\"\(date.formatted(.iso8601))\"", "\(seconds)")
        }
    }

    @Test func scoresAreWrittenAsJSONEncoderWritesDoubles() throws {
        for score in [0, -0.0, 1, -1, 1.5, 1e-7, 123_456_789.125, 1e21, .greatestFiniteMagnitude, .leastNonzeroMagnitude, 1_700_000_000_000,
                      .infinity, -.infinity] {
            var writer = JSONWriter()
            writer.number(score)
            #expect(writer.text == String(decoding: try JSONEncoder.report.encode(score), as: UTF8.self), "\(score)")
        }
    }

    /// Redis allows infinite scores: the listing must not fail on them (it did, as JSONEncoder did by default).
    @Test func anInfiniteScoreIsWrittenAsAString() throws {
        let queue = QueueEntity(key: Array("lock:queue:{x}".utf8), resource: "x", family: .locktop,
                                waiters: [Waiter(member: "w", rank: 0, score: .infinity)], count: 1)
        let report = SnapshotReport(Snapshot(takenAt: Date(), entities: [queue.key: .queue(queue)], scannedKeys: 1),
                                    endpoint: "e", anomalies: [])
        let json = try report.json()
        #expect(try json == Self.encodedByFoundation(report))
        #expect(json.contains(#""score":"inf""#))
    }

    // MARK: - Fixtures

    static let awkwardStrings: [String] = [
        "", "plain", "quote \" and backslash \\ and slash /", "tab\tnew\nline\rreturn\u{08}\u{0C}",
        "\u{00}\u{01}\u{1F}\u{7F}", "lock:\\xff\\x00 escaped by KeyNames", "zß水🔒 non-ASCII", "\u{2028}\u{2029}",
        "\u{FFFD} replacement", "{json: \"inside\"}",
    ]

    static let anomalies = [
        Anomaly(key: Array("lock:no-ttl".utf8), kind: .noTTL, severity: .critical, message: "no TTL: \"quoted\"\nsecond line"),
        Anomaly(key: [0xFF, 0x00, 0x41], kind: .heldTooLong, severity: .warning, message: "held for 301 s / threshold 300 s"),
    ]

    static var everyKind: Snapshot {
        let acquired = Date(timeIntervalSince1970: 1_764_038_400.123)
        let locks = [
            LockEntity(key: Array("lock:{coupon:1}".utf8), resource: "coupon:1", family: .locktop,
                       owners: [LockOwner(token: "1764038400123-host-42-0badcafe", host: "host", pid: 42, acquiredAt: acquired)],
                       ttl: .remaining(.milliseconds(29_876))),
            LockEntity(key: Array("lock:".utf8) + [0x00, 0xFF, 0xC3, 0x28, 0x0A, 0x1B], resource: "\u{1B}[31m", family: .pythonRedisLock,
                       owners: [LockOwner(token: "\\xff\\x00", thread: "Thread-1 \"main\"")], ttl: .noExpiry),
            LockEntity(key: Array("redisson:{räume/1}".utf8), resource: "räume/1", family: .redisson, kind: .readWrite,
                       owners: [LockOwner(token: "a:1"), LockOwner(token: "b:2", host: "b", pid: -1, thread: "2")],
                       ttl: .remaining(.seconds(3))),
            LockEntity(key: Array("mutex:empty".utf8), resource: "", family: .unknown, owners: [], ttl: .missing),
            LockEntity(key: Array("rwlock:{doc}".utf8), resource: "doc", family: .locktop, kind: .readWrite,
                       shared: SharedHolds(holders: [SharedHolder(role: .reader, owner: LockOwner(describedBy: "1764038400123-host-42-0badcafe"),
                                                                  rawMember: Array("read:1764038400123-host-42-0badcafe".utf8), ttl: .remaining(.seconds(2)))],
                                           waitingWriters: [SharedHolder(role: .waitingWriter, owner: LockOwner(token: "w\"1"),
                                                                         rawMember: Array("wait:w\"1".utf8), ttl: .noExpiry)]),
                       ttl: .remaining(.seconds(5))),
            LockEntity(key: Array("semaphore:{pool}".utf8), resource: "pool", family: .locktop, kind: .semaphore,
                       shared: SharedHolds(holders: [], permits: 4), ttl: .missing),
        ]
        let queue = QueueEntity(key: Array("lock:queue:{job}".utf8), resource: "job", family: .locktop,
                                waiters: [Waiter(member: "w1", rank: 0, score: 1.5), Waiter(member: "w\t2", rank: 1, score: 1e21),
                                          Waiter(member: "w3", rank: 2, score: -3)], count: 3)
        let transaction = TransactionEntity(key: Array("tx:{t1}".utf8), id: "t1", state: "prepared", participants: ["a", "b/c", ""],
                                            deadline: Date(timeIntervalSince1970: -1.5), updatedAt: nil, ttl: .noExpiry)
        let open = TransactionEntity(key: Array("tx:{t2}".utf8), id: "t2", state: "preparing", participants: [],
                                     deadline: nil, updatedAt: nil, ttl: .noExpiry)
        let saga = SagaEntity(key: Array("saga:order:{9}".utf8), name: "order", id: "9", status: "compensating",
                              steps: [SagaStep(name: "ship", state: "pending"), SagaStep(name: "Pay", state: "done", attempt: 2),
                                      SagaStep(name: "ärger", state: "x"), SagaStep(name: "a\"b", state: "q"),
                                      SagaStep(name: "pay", state: "failed", attempt: 1, error: "card\tdeclined")],
                              updatedAt: acquired, ttl: .noExpiry)
        let stream = StreamEntity(key: Array("events:order:{9}".utf8), aggregate: "order", id: "9", length: 2,
                                  latest: [StreamEntry(id: "1-0", fields: [])])
        let emptyStream = StreamEntity(key: Array("events:order:{10}".utf8), aggregate: "order", id: "10", length: 0, latest: [])
        var entities: [[UInt8]: Entity] = [:]
        for lock in locks { entities[lock.key] = .lock(lock) }
        entities[queue.key] = .queue(queue)
        entities[transaction.key] = .transaction(transaction)
        entities[open.key] = .transaction(open)
        entities[saga.key] = .saga(saga)
        entities[stream.key] = .stream(stream)
        entities[emptyStream.key] = .stream(emptyStream)
        entities[Array("lock:odd\u{7F}".utf8)] = .unknown(key: Array("lock:odd\u{7F}".utf8), type: .hash, ttl: .noExpiry)
        entities[[0x6C, 0xED, 0xA0, 0x80]] = .unknown(key: [0x6C, 0xED, 0xA0, 0x80], type: .string, ttl: .noExpiry)
        entities[Array("lock:fence:{x}".utf8)] = .auxiliary(key: Array("lock:fence:{x}".utf8), role: "fencing counter", family: .locktop)
        return Snapshot(takenAt: Date(timeIntervalSince1970: 1_764_038_461.75), entities: entities, scannedKeys: 1_000_000)
    }

    static func encodedByFoundation(_ report: SnapshotReport) throws -> String {
        String(decoding: try JSONEncoder.report.encode(report), as: UTF8.self)
    }
}

extension JSONEncoder {
    /// The settings `SnapshotReport.json()` used when it was encoded by Foundation.
    fileprivate static var report: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return encoder
    }
}
