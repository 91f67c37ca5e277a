import ArgumentParser
import LockInspector

extension SimulationPattern: ExpressibleByArgument {}

/// What `locktop simulate` contends with: pattern, clients, times, key, limit.
struct SimulateArguments: ParsableArguments {
    // A positional argument, not --pattern: the root command's --pattern (key globs) would take it.
    @Argument(help: ArgumentHelp("Lock pattern the clients use.", valueName: "pattern"))
    var pattern: SimulationPattern?

    @Flag(help: "Run every pattern in turn with the same parameters and print one comparison table.")
    var compare = false

    @Option(help: "Contending clients, each with its own connection and thread.")
    var clients = 8

    @Option(help: ArgumentHelp("Critical section: how long each acquisition holds the lock.", valueName: "ms"))
    var holdMs = 1.0

    @Option(help: ArgumentHelp("Lock TTL. Below --hold-ms, leases expire inside the section and violations show.", valueName: "ms"))
    var ttlMs = 10_000.0

    @Option(help: ArgumentHelp("Longest wait of one acquisition; longer ones count as timeouts.", valueName: "ms"))
    var waitMs = 10_000.0

    @Option(help: "Run this long (per pattern with --compare). Default 10 unless --acquisitions is given.")
    var seconds: Double?

    @Option(help: "Instead of --seconds: every client acquires exactly this many times.")
    var acquisitions: Int?

    // --resource, not --key: --key is the TLS client key, as in redis-cli, on every command.
    @Option(name: .customLong("resource"), help: ArgumentHelp("Resource to contend for: coupon:123 means lock:{coupon:123}.", valueName: "resource"))
    var key = "simulated"

    @Flag(help: "Contend for the real lock instead of its shadow under locktop:sim:. Real workers then wait behind the simulation.")
    var targetRealKey = false

    @Option(help: ArgumentHelp("A Redlock server (repeat for each; default: the --url server alone).", valueName: "url"))
    var redlockUrl: [String] = []

    @Option(help: ArgumentHelp("rwlock: the share of acquisitions that read (0 to 1); the rest write.", valueName: "share"))
    var readShare = 0.9

    @Option(help: "semaphore: how many clients may hold it at once.")
    var permits = 4

    func validate() throws {
        guard pattern != nil || compare else {
            throw ValidationError("name a lock pattern (\(SimulationPattern.allValueStrings.joined(separator: ", "))) or give --compare")
        }
        guard pattern == nil || !compare else { throw ValidationError("name one pattern or give --compare, not both") }
        guard seconds == nil || acquisitions == nil else { throw ValidationError("give --seconds or --acquisitions, not both") }
        for (name, value) in [("--hold-ms", holdMs), ("--ttl-ms", ttlMs), ("--wait-ms", waitMs), ("--seconds", seconds ?? 1)]
        where !value.isFinite || value < 0 || value > 86_400_000 {
            throw ValidationError("\(name) must be a number of \(name == "--seconds" ? "seconds" : "milliseconds") between 0 and 86400000")
        }
    }

    /// The parameters for one run of `pattern`.
    func parameters(_ pattern: SimulationPattern) throws -> SimulationParameters {
        let limit: SimulationLimit = if let acquisitions { .acquisitionsPerClient(acquisitions) }
            else { .duration(Self.duration(seconds: seconds ?? 10)) }
        let parameters = SimulationParameters(
            pattern: pattern, clients: clients, hold: Self.duration(milliseconds: holdMs),
            ttl: Self.duration(milliseconds: ttlMs), acquireTimeout: Self.duration(milliseconds: waitMs),
            limit: limit, resource: key, targetsRealKey: targetRealKey, readShare: readShare, permits: permits)
        do {
            try parameters.validate()
        } catch {
            throw ValidationError(error.description)
        }
        return parameters
    }

    static func duration(milliseconds: Double) -> Duration { .microseconds(Int64((milliseconds * 1000).rounded())) }

    static func duration(seconds: Double) -> Duration { duration(milliseconds: seconds * 1000) }
}
