import Foundation
import RedisClient
import Testing
import TestSupport

/// The dashboard on keys, tokens and fields holding every byte value and escape sequences:
/// the pane shows them escaped, and nothing they hold acts on the terminal.
@Suite("Dashboard on hostile bytes")
struct HostileBytesDashboardTests {
    @Test("an OSC title and a CSI clear in a token and a saga status show escaped and change nothing")
    func escapeSequencesShowEscaped() async throws {
        try await DashboardHarness.run(beforeStart: { server in
            let redis = try await server.connect()
            try await redis.send("SET", "lock:{evil}", "1764035028000-\u{1B}]2;PWNED\u{07}-4242-deadbeef", "PX", 600_000)
            try await redis.send("HSET", "saga:order:{1}", "status", "\u{1B}[2J\u{1B}[Hrunning", "updatedAt", "1")
            for value in 0...255 {
                let byte = [UInt8(value)]
                try await redis.send(RedisCommand("SET", arguments: [Array("lock:b".utf8) + byte, Array("tok".utf8) + byte, "PX", 600_000]))
            }
        }) { dashboard in
            let screen = try await dashboard.screen.waitForScreen(containing: "lock:{evil}", "\\x1B]2;PWNED\\x07")
            #expect(!screen.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
            #expect(try dashboard.screen.paneTitle() != "PWNED")
            try await dashboard.screen.send("3")
            let sagas = try await dashboard.screen.waitForScreen(containing: "\\x1B[2J\\x1B[Hrunning")
            // A clear screen would have wiped the tabs and the status line.
            #expect(sagas.contains("1 Locks") && sagas.contains("connected"))
        }
    }
}
