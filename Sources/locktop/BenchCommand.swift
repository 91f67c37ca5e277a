import ArgumentParser
import Foundation
import LocktopApp
import LocktopBench
import TerminalUI

struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure locktop against reference tools on private redis-servers.",
        subcommands: [RedisRoundTrips.self, LockThroughput.self, ServerPaths.self, InspectorDiscovery.self, ClusterDiscovery.self, InspectorLiveFeed.self, DashboardBenchmarks.self]
    )
}

struct ServerPaths: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "servers",
        abstract: "The compare-and-set paths on Redis 7.0 and Valkey 8.1: pairs/s, Lua vs SET IFEQ extend, no-Lua (WATCH) ratio (also in `bench locks`)."
    )

    @Option(help: "Seconds of each measured loop.")
    var seconds = 0.5

    @Option(help: "Rounds, each between two redis-benchmark runs.")
    var rounds = 5

    func run() async throws {
        print(try await ServerPathsBenchmark(seconds: seconds, rounds: rounds).run())
    }
}

struct RedisRoundTrips: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "redis",
        abstract: "Round trips/s of PING and SET, unpipelined and pipelined (depth 16), next to redis-benchmark.",
        discussion: "With --tls, the same rows over TLS too: a TLS-only private server with throwaway certificates, next to redis-benchmark --tls."
    )

    @Option(help: "Requests per unpipelined test (pipelined tests send four times as many).")
    var requests = 100_000

    /// `--tls` here is the root command's flag: ArgumentParser gives a flag to the first command
    /// on the stack that declares it, so the bench reads it through the same option path.
    @OptionGroup(visibility: .hidden) var connection: ConnectionArguments

    func run() async throws {
        let rows = try await RoundTripBenchmark(requests: requests, tls: connection.server.tls.tls).run()
        print(RoundTripBenchmark.table(rows))
    }
}

struct LockThroughput: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "locks",
        abstract: "Uncontended pairs/s and contended throughput, latency, fairness per pattern, next to Python peers."
    )

    @Option(help: "Python of the benchmark venv (scripts/bench-venv.sh prints it); omit to skip the peers.")
    var python: String?

    @Option(help: "The peers script.")
    var peersScript = "bench/peers.py"

    @Option(help: "Seconds of each uncontended loop in each of the 9 rounds (the Python peers run 4x as long, once).")
    var uncontendedSeconds = 0.5

    @Option(help: "Contending clients.")
    var clients = 16

    @Option(help: "Critical section in milliseconds.")
    var holdMilliseconds = 1

    @Option(help: "Seconds per contended pattern.")
    var seconds = 10

    @Option(help: "Only patterns whose name contains this text.")
    var only: String?

    func run() async throws {
        print(try await UncontendedLockBenchmark(seconds: uncontendedSeconds, python: python, peersScript: peersScript).run())
        print("")
        print(try await ServerPathsBenchmark(seconds: uncontendedSeconds).run())
        print("")
        let report = try await ContendedComparison(
            clients: clients, holdMilliseconds: holdMilliseconds, seconds: seconds,
            python: python, peersScript: peersScript, only: only
        ).run { line in print(line) }
        print("")
        print(report)
    }
}

struct InspectorDiscovery: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspector",
        abstract: "P1: time to list every lock among a million keys, next to the server's own SCAN work."
    )

    @Option(help: "Keys in the private server.")
    var keys = 1_000_000

    @Option(help: "How many of them are locks.")
    var locks = 10_000

    @Option(help: "Locks named after their resources (orders:<n>, uuid4 hex), for locktop discover.")
    var tokenLocks = 1_000

    @Option(help: "TTL'd noise keys (sessions, caches, rate limits), for locktop discover.")
    var noise = 100_000

    @Option(help: "Idle clients connected while CLIENT LIST and PUBSUB are timed.")
    var clients = 1_000

    @Option(help: "SCAN COUNT locktop uses.")
    var scanCount = 500

    @Option(help: "Rounds of (reference pass, default patterns, --pattern 'lock:*', discover); the report gives medians.")
    var rounds = 5

    func run() async throws {
        print(try await DiscoveryBenchmark(totalKeys: keys, locks: locks, tokenLocks: tokenLocks, noise: noise, clients: clients,
                                           scanCount: scanCount, rounds: rounds).run())
    }
}

struct ClusterDiscovery: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cluster",
        abstract: "Discovery over a private Redis Cluster: every master at once next to the slowest master alone, and one server with the same keys."
    )

    @Option(help: "Masters in the private cluster.")
    var masters = 3

    @Option(help: "Keys in the cluster, in total.")
    var keys = 1_000_000

    @Option(help: "How many of them are locks.")
    var locks = 10_000

    @Option(help: "Rounds; the report gives medians.")
    var rounds = 5

    func run() async throws {
        print(try await ClusterDiscoveryBenchmark(masters: masters, totalKeys: keys, locks: locks, rounds: rounds).run())
    }
}

struct InspectorLiveFeed: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "live-feed",
        abstract: "P5: commands/s the live feed sends while 10,000 locks change 100 times a second."
    )

    @Option(help: "Live locks.")
    var locks = 10_000

    @Option(help: "Changed keys per second (half releases, half acquisitions).")
    var changes = 100

    @Option(help: "Seconds to measure.")
    var seconds = 20

    func run() async throws {
        print(try await LiveFeedBenchmark(locks: locks, changesPerSecond: changes, seconds: seconds).run())
    }
}

struct DashboardBenchmarks: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dashboard",
        abstract: "P6: render time and memory with 100,000 locks; P7: key press -> frame; P8: first screen of a 1,000,000-key keyspace; P2: release -> visible latency."
    )

    @Option(help: "Locks in the in-memory snapshot P6 renders.")
    var locks = 100_000

    @Option(help: "Renders of a full 200x50 frame P6 times.")
    var renders = 200

    @Option(help: "Releases P2 times in each mode.")
    var releases = 200

    @Option(help: "Polling interval in seconds for P2's polling run.")
    var refresh = 1.0

    @Option(help: "Keys in P8's keyspace (of which --locks are locks); 0 skips P8.")
    var startKeys = 1_000_000

    @Option(help: "Dashboard starts (and lists) P8 times.")
    var startRuns = 3

    @Option(help: "Rounds of P7's key script (every sort column, a filter, view switches).")
    var keyRounds = 5

    @Flag(help: "Only P6 (render, and memory of the real binary); skip P2.")
    var p6Only = false

    @Flag(help: "Skip P6's real-process memory runs (they start the dashboard in tmux).")
    var skipProcessMemory = false

    func run() async throws {
        let size = Size(width: 200, height: 50)
        let theme = Theme.default
        print(DashboardRenderBenchmark(locks: locks, renders: renders).run(
            makeState: { BenchAppState.make($0, size: size) },
            tick: { state in _ = update(&state, .tick(state.now.addingTimeInterval(0.25))) },
            nextSort: { state in _ = update(&state, .key(.character("s"))) }, columns: BenchAppState.lockColumns,
            render: { state in _ = LocktopApp.render(state, theme: theme, size: size) }))
        let driver = BenchKeyDriver(DashboardKeyBenchmark.snapshot(locks: locks), size: size)
        print(DashboardKeyBenchmark(locks: locks, rounds: keyRounds).run(press: driver.press, settle: driver.settle))
        if startKeys > 0 {
            let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
            print(try await DashboardStartBenchmark(keys: startKeys, locks: locks, executable: executable).run(runs: startRuns) { endpoint in
                AppHeadlessDashboard(endpoint: endpoint, refresh: .seconds(1), size: size)
            })
        }
        if !skipProcessMemory {
            // This very binary, started again as the dashboard.
            let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
            for notifications in [false, true] {
                print(try await DashboardProcessMemory(locks: locks, executable: executable, notifications: notifications).run())
            }
        }
        guard !p6Only else { return }
        let screen = Size(width: 200, height: releases + 30)
        print(try await DashboardLatencyBenchmark(releases: releases, refresh: .milliseconds(Int(refresh * 1000))).run { endpoint, interval in
            AppHeadlessDashboard(endpoint: endpoint, refresh: interval, size: screen)
        })
    }
}
