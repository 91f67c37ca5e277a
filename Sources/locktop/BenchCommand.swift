import ArgumentParser
import LocktopBench

struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure locktop against reference tools on a private redis-server.",
        subcommands: [RedisRoundTrips.self]
    )
}

struct RedisRoundTrips: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "redis",
        abstract: "Round trips/s of PING and SET, unpipelined and pipelined (depth 16), next to redis-benchmark."
    )

    @Option(help: "Requests per unpipelined test (pipelined tests send four times as many).")
    var requests = 100_000

    func run() async throws {
        let rows = try await RoundTripBenchmark(requests: requests).run()
        print(RoundTripBenchmark.table(rows))
    }
}
