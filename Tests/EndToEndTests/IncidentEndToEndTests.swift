import Foundation
import RedisClient
import Testing
import TestSupport

/// The dashboard in an incident (#22), the real binary in tmux: pause, copy, mouse, snapshot and replay.
@Suite("Dashboard in an incident, end to end")
struct IncidentEndToEndTests {
    @Test("space pauses: PAUSED in the status line, a new lock stays off screen until space again")
    func pause() async throws {
        try await DashboardHarness.run { dashboard in
            try await dashboard.redis.send("SET", "lock:{e2e-1}", DashboardHarness.lockKitToken(), "PX", "60000")
            try await dashboard.screen.waitForScreen(containing: "lock:{e2e-1}")
            try await dashboard.screen.send("Space")
            try await dashboard.screen.waitForScreen(containing: "PAUSED", "TTLs frozen")
            try await dashboard.redis.send("SET", "lock:{e2e-2}", DashboardHarness.lockKitToken(), "PX", "60000")
            // The update arrives and is held: the status line counts it, the table does not show it.
            let held = try await dashboard.screen.waitForScreen(containing: "1 held")
            #expect(!held.contains("lock:{e2e-2}"))
            try await dashboard.screen.send("Space")
            try await dashboard.screen.waitForScreen(containing: "lock:{e2e-2}")
            try await dashboard.screen.waitForScreen(notContaining: "PAUSED")
        }
    }

    @Test("y copies the selected key and Y its owner token through OSC 52; marked rows copy as one block")
    func copy() async throws {
        let token = DashboardHarness.lockKitToken()
        try await DashboardHarness.run { dashboard in
            try dashboard.screen.setServerOption("set-clipboard", "on")
            try await dashboard.redis.send("SET", "lock:{e2e-1}", token, "PX", "60000")
            try await dashboard.redis.send("SET", "lock:{e2e-2}", token, "PX", "60000")
            try await dashboard.screen.waitForScreen(containing: "lock:{e2e-1}", "lock:{e2e-2}")
            try await dashboard.screen.send("y")
            try await dashboard.screen.waitForBuffer("lock:{e2e-1}")
            try await dashboard.screen.waitForScreen(containing: "copied key lock:{e2e-1}")
            try await dashboard.screen.send("Y")
            try await dashboard.screen.waitForBuffer(token)
            try await dashboard.screen.send("m", "Down", "m", "y")
            try await dashboard.screen.waitForBuffer("lock:{e2e-1}\nlock:{e2e-2}")
            try await dashboard.screen.waitForScreen(containing: "copied 2 keys")
        }
    }

    @Test("w writes the snapshot (JSON and table) and names the file; locktop replay opens it with the server gone")
    func snapshotAndReplay() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("locktop-e2e-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: directory) }
        try await DashboardHarness.run(arguments: ["--snapshot-dir", directory.path]) { dashboard in
            try await dashboard.redis.send("SET", "lock:{e2e-kept}", DashboardHarness.lockKitToken(), "PX", "60000")
            try await dashboard.screen.waitForScreen(containing: "lock:{e2e-kept}")
            try await dashboard.screen.send("w")
            try await dashboard.screen.waitForScreen(containing: "snapshot written:", ".json")
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        #expect(files.count == 2 && files[0].hasSuffix(".json") && files[1].hasSuffix(".txt"), "\(files)")
        let json = try #require(files.first { $0.hasSuffix(".json") })
        let table = try String(contentsOfFile: directory.appendingPathComponent(files[1]).path, encoding: .utf8)
        #expect(table.contains("lock:{e2e-kept}"))
        // The server is stopped now: the replay needs none.
        let replay = try TmuxSession(command: [try LocktopBinary.path(), "replay", directory.appendingPathComponent(json).path],
                                     environment: ["TERM": "xterm-256color", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"])
        defer { replay.kill() }
        try await replay.waitForScreen(containing: "lock:{e2e-kept}", "e2ehost", "REPLAY \(json)", "READ-ONLY")
        try await replay.send("d")
        try await replay.waitForScreen(containing: "read-only")
    }

    /// An xterm SGR mouse report (1-based column and row) as a terminal sends it: a press (`M`),
    /// and for a button (not the wheel) its release (`m`).
    private func sgrMouse(button: Int, column: Int, row: Int) -> String {
        let press = "\u{1B}[<\(button);\(column);\(row)M"
        return button >= 64 ? press : press + "\u{1B}[<\(button);\(column);\(row)m"
    }

    @Test("a click selects a row, a click on a tab switches view, the wheel scrolls; --no-mouse asks for no reports")
    func mouse() async throws {
        try await DashboardHarness.run { dashboard in
            try dashboard.screen.setServerOption("set-clipboard", "on")
            for index in 1...6 {
                try await dashboard.redis.send("SET", "lock:{e2e-\(index)}", DashboardHarness.lockKitToken(), "PX", "60000")
            }
            try await dashboard.screen.waitForScreen(containing: "lock:{e2e-1}", "lock:{e2e-6}")
            #expect(try dashboard.screen.paneFormat("mouse_sgr_flag") == "1")
            // Screen row 1 holds the tabs, row 2 the header: the third lock is on row 5.
            try await dashboard.screen.sendLiteral(sgrMouse(button: 0, column: 5, row: 5))
            try await dashboard.screen.send("y")
            try await dashboard.screen.waitForBuffer("lock:{e2e-3}")
            try await dashboard.screen.sendLiteral(sgrMouse(button: 65, column: 5, row: 5))
            try await dashboard.screen.send("y")
            try await dashboard.screen.waitForBuffer("lock:{e2e-6}")
            try await dashboard.screen.sendLiteral(sgrMouse(button: 64, column: 5, row: 5))
            try await dashboard.screen.send("y")
            try await dashboard.screen.waitForBuffer("lock:{e2e-3}")
            // " 1 Locks  2 Queues ...": column 12 is on the Queues tab.
            try await dashboard.screen.sendLiteral(sgrMouse(button: 0, column: 12, row: 1))
            try await dashboard.screen.waitForScreen(containing: "QUEUE", "WAITER")
        }
        try await DashboardHarness.run(arguments: ["--no-mouse"]) { dashboard in
            try await dashboard.redis.send("SET", "lock:{e2e-1}", DashboardHarness.lockKitToken(), "PX", "60000")
            try await dashboard.screen.waitForScreen(containing: "lock:{e2e-1}")
            #expect(try dashboard.screen.paneFormat("mouse_sgr_flag") == "0")
            #expect(try dashboard.screen.paneFormat("mouse_any_flag") == "0")
        }
    }
}
