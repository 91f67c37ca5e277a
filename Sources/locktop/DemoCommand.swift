import ArgumentParser
import Foundation
import GuideScenarios
import LockInspector
import LocktopApp
import RedisClient
import RedisServerKit

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Open the dashboard on a private redis-server where the guide's scenarios run live.",
        discussion: """
            Starts a private redis-server on a temporary unix socket (no persistence, keyspace \
            notifications on) and runs the guide's scenarios in it on LockKit, continuously: \
            limited-stock coupon issuance (16 clients, distributed lock), large-file processing \
            under a renewed lock, a priority worker queue, order sagas with injected failures and \
            compensation (each with its event stream), and two-phase commit transfers. On purpose \
            it also leaves a lock with no TTL, a saga stuck compensating and a queue whose only \
            waiter is dead, so the anomaly marks have something to show. Then it opens the \
            dashboard on it. The server stops when the dashboard closes (q), and also when locktop \
            is interrupted (Ctrl-C) or dies.

            To watch the same server from another terminal, run the URL printed on standard error \
            before the dashboard opens, e.g. \
            `locktop --url unix:///tmp/locktop-redis-1a2b3c4d/redis.sock`, or \
            `redis-cli -s /tmp/locktop-redis-1a2b3c4d/redis.sock` to change it by hand.

            `--headless --seconds N` runs the same scenarios without the dashboard for N seconds \
            and prints what they did and whether balances, stock and coupon grants add up \
            (exit status 1 if something does not).
            """
    )

    @Flag(help: "Send no write command from the dashboard (actions are refused).")
    var readOnly = false

    @Option(help: ArgumentHelp("Colour theme (see locktop --help).", valueName: "name"))
    var theme: String?

    @Flag(help: "Run the scenarios without the dashboard, then print a summary.")
    var headless = false

    @Option(help: ArgumentHelp("With --headless: how long the scenarios run.", valueName: "seconds"))
    var seconds: Double = 10

    @Flag(help: "With --headless: print the summary as JSON.")
    var json = false

    func validate() throws {
        guard seconds > 0, seconds.isFinite else { throw ValidationError("--seconds must be a positive number, got \(seconds)") }
        if json && !headless { throw ValidationError("--json only goes with --headless") }
    }

    func run() async throws {
        let server = try await RedisServer.start(transport: .unixSocket, arguments: ["--notify-keyspace-events", "KA"])
        do {
            try await DemoSeed.plant(in: server.endpoint)
            let workload = DemoWorkload(endpoint: server.endpoint)
            if headless {
                try await runHeadless(workload, server: server)
            } else {
                try await runDashboard(workload, server: server)
            }
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }

    private func runDashboard(_ workload: DemoWorkload, server: RedisServer) async throws {
        let url = server.url
        FileHandle.standardError.write(Data("""
            locktop demo: private redis-server at \(url)
              watch it from another terminal: locktop --url \(url)
              it stops when this dashboard closes (q).

            """.utf8))
        let scenarios = Task { await workload.run() }
        defer {
            workload.stop.request()
            scenarios.cancel()
        }
        var feed = FeedOptions()
        feed.readOnly = readOnly
        var options = DashboardOptions(endpoint: server.endpoint, feedOptions: feed, themeName: theme)
        options.initialSimulation = Self.openingSimulation
        try await Dashboard.run(options)
    }

    private func runHeadless(_ workload: DemoWorkload, server: RedisServer) async throws {
        FileHandle.standardError.write(Data("locktop demo: scenarios running for \(seconds) s on \(server.url)\n".utf8))
        // Ctrl-C ends a headless run early, with its summary, instead of killing it mid-round.
        let interrupt = Interrupt { workload.stop.request() }
        defer { interrupt.disarm() }
        let scenarios = Task { await workload.run() }
        await workload.stop.pause(.milliseconds(Int64(seconds * 1000)))
        workload.stop.request()
        await scenarios.value
        let summary = try await workload.summary()
        print(json ? try summary.json() : summary.text)
        if !summary.isHealthy { throw ExitCode(1) }
    }

    /// What the Simulator view shows from the start: six pub/sub clients taking turns on a
    /// shadow of the coupon lock for half a minute (Esc stops it; `c` starts another).
    static let openingSimulation = SimulationParameters(pattern: .notified, clients: 6, hold: .milliseconds(50),
                                                        limit: .duration(.seconds(30)), resource: "coupon:123")

}
