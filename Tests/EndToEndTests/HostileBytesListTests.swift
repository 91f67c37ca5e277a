import Foundation
import RedisClient
import Testing
import TestSupport
import VisibleText

/// `locktop list` (table and JSON) on keys, tokens and fields written by a hostile client.
@Suite struct HostileBytesListTests {
    /// Bytes a terminal acts on: C0 controls but the newline that ends a line, DEL, and C1.
    private func rawControls(_ text: String) -> [Unicode.Scalar] {
        text.unicodeScalars.filter { ($0.value < 0x20 && $0 != "\n") || (0x7F...0x9F).contains($0.value) }
    }

    @Test func escapeSequencesInTokensAndSagaFieldsNeverReachTheTerminal() async throws {
        let server = try await RedisServer.start()
        let redis = try await server.connect()
        try await redis.send("SET", "lock:{evil}", "1764035028000-\u{1B}]2;PWNED\u{07}-4242-deadbeef", "PX", 600_000)
        try await redis.send("HSET", "saga:order:{1}", "status", "\u{1B}[2J\u{1B}[Hrunning", "updatedAt", "1")
        // Every byte value in a key, a token and a hash field.
        for value in 0...255 {
            let byte = [UInt8(value)]
            try await redis.send(RedisCommand("SET", arguments: [Array("lock:b".utf8) + byte, Array("tok".utf8) + byte, "PX", 600_000]))
            try await redis.send(RedisCommand("HSET", arguments: [Array("saga:order:{b\(value)}".utf8), "status", byte, byte, byte]))
        }

        let table = try await Tool.runOffPool(try LocktopBinary.path(), ["list", "--url", server.url])
        #expect(table.status == 0, "\(table.standardError)")
        #expect(rawControls(table.standardOutput).isEmpty)
        #expect(table.standardOutput.contains("\\x1B]2;PWNED\\x07"))
        #expect(table.standardOutput.contains("saga order 1: \\x1B[2J\\x1B[Hrunning"))

        let json = try await Tool.runOffPool(try LocktopBinary.path(), ["list", "--json", "--url", server.url])
        #expect(json.status == 0, "\(json.standardError)")
        #expect(rawControls(json.standardOutput).isEmpty)
        await server.stop()
    }

    @Test func aNewlineAndItsWrittenOutFormAndInvalidBytesStayApartInJSON() async throws {
        let server = try await RedisServer.start()
        let redis = try await server.connect()
        let keys: [[UInt8]] = [Array("lock:nl\nkey".utf8), Array("lock:nl\\x0akey".utf8), Array("lock:nl\\x0Akey".utf8),
                               Array("lock:ff".utf8) + [0xFF], Array("lock:ff\\xff".utf8)]
        for key in keys { try await redis.send(RedisCommand("SET", arguments: [key, "not-a-token"])) }
        try await redis.send(RedisCommand("HSET", arguments: ["saga:order:{2}", "status", "running", [0xFF, 0xFE] as [UInt8], [0xFF, 0xFE] as [UInt8]]))

        let output = try await Tool.runOffPool(try LocktopBinary.path(), ["list", "--json", "--url", server.url])
        #expect(output.status == 0, "\(output.standardError)")
        let report = try JSONDecoder().decode(Report.self, from: Data(output.standardOutput.utf8))
        let decoded = Set(report.allKeys.compactMap(VisibleText.bytes(of:)))
        #expect(decoded == Set(keys))
        let steps = try #require(report.sagas.first?.steps)
        #expect(steps.map { VisibleText.bytes(of: $0.name) } == [[0xFF, 0xFE]])
        #expect(steps.map { VisibleText.bytes(of: $0.state) } == [[0xFF, 0xFE]])
        await server.stop()
    }

    /// Found by the fuzz tests: Redis allows infinite sorted-set scores, JSON has no infinities.
    @Test func aQueueWithAnInfiniteScoreIsListedAsJSON() async throws {
        let server = try await RedisServer.start()
        try await server.connect().send("ZADD", "lock:queue:{job}", "+inf", "late", "-inf", "early")
        let output = try await Tool.runOffPool(try LocktopBinary.path(), ["list", "--json", "--url", server.url])
        #expect(output.status == 0, "\(output.standardError)")
        #expect(output.standardOutput.contains(#""member":"early","rank":0,"score":"-inf""#))
        #expect(output.standardOutput.contains(#""member":"late","rank":1,"score":"inf""#))
        await server.stop()
    }

    @Test func tenThousandRandomBinaryKeyNamesRoundTripThroughJSON() async throws {
        let server = try await RedisServer.start()
        let redis = try await server.connect()
        var generator = SystemRandomNumberGenerator()
        var written = Set<[UInt8]>()
        while written.count < 10_000 {
            let tail = (0..<Int.random(in: 1...16, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            written.insert(Array("lock:".utf8) + tail)
        }
        let keys = Array(written)
        for start in stride(from: 0, to: keys.count, by: 1000) {
            let batch = keys[start..<min(keys.count, start + 1000)]
            _ = try await redis.pipeline(batch.map { RedisCommand("SET", arguments: [$0, "x"]) })
        }
        let output = try await Tool.runOffPool(try LocktopBinary.path(), ["list", "--json", "--url", server.url])
        #expect(output.status == 0, "\(output.standardError)")
        let report = try JSONDecoder().decode(Report.self, from: Data(output.standardOutput.utf8))
        let decoded = report.allKeys.compactMap(VisibleText.bytes(of:))
        #expect(decoded.count == report.allKeys.count)
        let missing = written.subtracting(decoded).map(VisibleText.escape)
        let extra = Set(decoded).subtracting(written).map(VisibleText.escape)
        #expect(missing.isEmpty && extra.isEmpty, "missing \(missing.prefix(5)), extra \(extra.prefix(5))")
        #expect(decoded.count == written.count)
        await server.stop()
    }

    private struct Report: Decodable {
        struct Step: Decodable { var name: String; var state: String }
        struct Saga: Decodable { var steps: [Step] }
        struct Lock: Decodable { var key: String }
        var unknown: [String]
        var locks: [Lock]
        var sagas: [Saga]
        /// A key written by the test shows as a lock or as unknown, depending on its bytes.
        var allKeys: [String] { unknown + locks.map(\.key) }
    }
}
