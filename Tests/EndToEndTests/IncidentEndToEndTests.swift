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
}
