import Foundation
import Testing
import TestSupport

/// `locktop demo`, the first thing a newcomer runs: headless for its summary, and in tmux.
@Suite("Demo end to end")
struct DemoEndToEndTests {
    @Test("headless for 10 s: every scenario progresses, sagas and transfers add up, the server is gone after")
    func headless() async throws {
        let output = try await Tool.runOffPool(try LocktopBinary.path(), ["demo", "--headless", "--seconds", "10", "--json"])
        #expect(output.status == 0, "exit \(output.status)\n\(output.standardError)")
        let summary = try JSONDecoder().decode(HeadlessSummary.self, from: Data(output.standardOutput.utf8))
        let tally = summary.tally
        #expect(tally.couponRounds > 0 && tally.couponsIssued > 0)
        #expect(tally.couponRoundsInexact == 0)
        #expect(tally.filesProcessed > 0)
        #expect(tally.filesNotHeldThroughout == 0)
        #expect(tally.priorityAcquisitions.values.reduce(0, +) > 0)
        #expect(tally.ordersCompleted > 0)
        #expect(tally.transfersCommitted + tally.transfersAborted > 0)
        #expect(summary.shop.mismatches.isEmpty, "\(summary.shop.mismatches)")
        #expect(summary.bank.mismatches.isEmpty, "\(summary.bank.mismatches)")
        #expect(summary.healthy)
        let trace = try #require(DemoServerTrace(log: output.standardError), "no server URL on stderr: \(output.standardError)")
        #expect(trace.leftovers.isEmpty, "\(trace.leftovers)")
    }

    @Test("in tmux: rows in Locks, Queues and Sagas; c runs a simulation shown in the Simulator view; q exits and the server is gone")
    func dashboard() async throws {
        let ended = try await Self.runDemoInTmux { screen in
            try await screen.waitForScreen(containing: "lock:{invoice:7}", "lock:{file:report-")
            try await screen.send("2")
            try await screen.waitForScreen(containing: "jobs:render", "export:nightly")
            try await screen.send("3")
            try await screen.waitForScreen(containing: "saga order")
            // The demo opens with a simulation running: the Simulator view has live figures; Esc stops it.
            try await screen.send("6")
            try await screen.waitForScreen(containing: "Simulator: notified (pub/sub)", "running")
            try await screen.send("Escape")
            try await screen.waitForScreen(containing: "stopped after")
            // The first lock (lock:{coupon:123}), 2 seconds of the default simulation.
            try await screen.send("1", "g", "c", "Up", "BSpace", "BSpace", "2", "Enter")
            try await screen.waitForScreen(containing: "Simulator: notified (pub/sub) on locktop:sim:lock:{coupon:123}")
            let finished = try await screen.waitForScreen(containing: "finished after", "violations 0")
            #expect(finished.contains("client 8"))
            try await screen.send("q")
        }
        #expect(ended.contains("demo exited 0"), "\(ended)")
    }

    @Test("Ctrl-C in the dashboard also leaves no redis-server and no socket behind")
    func interrupted() async throws {
        _ = try await Self.runDemoInTmux { screen in
            try await screen.waitForScreen(containing: "lock:{invoice:7}")
            try await screen.send("C-c")
        }
    }

    /// Runs `locktop demo` in tmux, lets `body` drive it until it exits, and checks that its
    /// private server is gone; returns the demo's stderr.
    private static func runDemoInTmux(_ body: (TmuxSession) async throws -> Void) async throws -> String {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("locktop-demo-e2e-\(UUID().uuidString.prefix(8)).log")
        defer { try? FileManager.default.removeItem(at: log) }
        // stderr (the server's URL) goes to a file: the dashboard owns the pane. The shell ignores
        // the Ctrl-C meant for locktop, so it can report the exit.
        let script = "trap '' INT; \"$0\" demo 2>\"$1\"; echo \"demo exited $?\" >>\"$1\""
        let screen = try TmuxSession(command: ["/bin/sh", "-c", script, try LocktopBinary.path(), log.path], width: 160, height: 40,
                                     environment: ["TERM": "xterm-256color", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "NO_COLOR": ""])
        defer { screen.kill() }
        do {
            try await body(screen)
        } catch {
            // The demo's own complaints went to the log, not the pane.
            let stderr = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            throw Tool.Failure(description: "\(error)\nlocktop demo stderr:\n\(stderr)")
        }
        let ended = try await waitForLog(log, containing: "demo exited")
        let trace = try #require(DemoServerTrace(log: ended), "no server URL in \(ended)")
        try await trace.waitUntilGone()
        return ended
    }

    /// Reads `file` until it contains `text` (the demo writes it when it ends), for at most `timeout`.
    private static func waitForLog(_ file: URL, containing text: String, timeout: Duration = .seconds(20)) async throws -> String {
        func content() -> String { (try? String(contentsOf: file, encoding: .utf8)) ?? "" }
        try await Polling.until("\(file.path) says '\(text)'", timeout: timeout) { content().contains(text) }
        return content()
    }
}

/// The parts of `locktop demo --headless --json` the test reads.
private struct HeadlessSummary: Decodable {
    struct Tally: Decodable {
        var couponRounds: Int
        var couponsIssued: Int
        var couponRoundsInexact: Int
        var filesProcessed: Int
        var filesNotHeldThroughout: Int
        var priorityAcquisitions: [String: Int]
        var ordersCompleted: Int
        var ordersCompensated: Int
        var transfersCommitted: Int
        var transfersAborted: Int
    }

    struct Consistency: Decodable {
        var mismatches: [String]
    }

    var tally: Tally
    var shop: Consistency
    var bank: Consistency
    var healthy: Bool
}
