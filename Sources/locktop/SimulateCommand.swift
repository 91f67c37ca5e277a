import ArgumentParser
import Foundation
import LockInspector
import RedisClient

struct SimulateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Run N clients contending for one lock and report throughput, waits, fairness and Redis cost.",
        discussion: """
            Clients work on shadow keys under locktop:sim: unless --target-real-key is given, and \
            every key the simulation wrote is deleted when it ends, fails or is interrupted \
            (Ctrl-C). A live line goes to standard error every second; the final table (or \
            JSON with --json) to standard output. With --read-only the simulation is refused \
            (it writes locks). Exit status: 0 done, 1 failed, 2 refused, 130 interrupted.
            """
    )

    @OptionGroup var server: EndpointArguments
    @OptionGroup var simulation: SimulateArguments

    /// The root command's options: it takes `--read-only` wherever it appears, and
    /// ArgumentParser hands a subcommand the parent's values only through the same type.
    @OptionGroup(visibility: .hidden) var dashboard: DashboardArguments

    @Flag(help: "Print the final report(s) as JSON.")
    var json = false

    func run() async throws {
        let profile = try server.loadProfile()
        let endpoint = try server.endpoint(profile: profile)
        let environment = ProcessInfo.processInfo.environment
        var redlock: [RedisEndpoint] = []
        for url in simulation.redlockUrl {
            do {
                var redlockEndpoint = try RedisEndpoint(url: url, environment: environment)
                // The TLS flags hold for every server of the run, as for the --url one.
                redlockEndpoint.tls = server.tls.flags.options(current: redlockEndpoint.tls, environment: environment)
                redlock.append(redlockEndpoint)
            } catch {
                throw ValidationError("--redlock-url \(url): \(error)")
            }
        }
        let simulator = Simulator(endpoint: endpoint, redlockEndpoints: redlock, readOnly: dashboard.isReadOnly(profile: profile))
        let patterns = simulation.compare ? SimulationPattern.allCases : simulation.pattern.map { [$0] } ?? []
        let runs = try patterns.map(simulation.parameters)

        let live = LiveLine()
        // The reports of the runs that finished, and why the rest did not run, if they did not.
        let work = Task { () async -> ([SimulationReport], SimulationError?) in
            var reports: [SimulationReport] = []
            for parameters in runs {
                do throws(SimulationError) {
                    reports.append(try await simulator.run(parameters) { live.show($0) })
                    live.finish()
                } catch {
                    return (reports, error)
                }
            }
            return (reports, nil)
        }
        // Ctrl-C cancels the run, which stops the clients and deletes their keys before we exit.
        let interrupt = Interrupt { work.cancel() }
        let (reports, failure) = await work.value
        interrupt.disarm()
        live.finish()

        switch failure {
        case nil:
            try print(output(reports, finished: true))
        case .cancelled(let partial):
            FileHandle.standardError.write(Data("locktop: interrupted; every client stopped and the simulation's keys were deleted.\n".utf8))
            try print(output(reports + [partial], finished: false))
            throw ExitCode(130)
        case let error?:
            FileHandle.standardError.write(Data("locktop: \(error)\n".utf8))
            if case .refusedReadOnly = error { throw ExitCode(2) }
            throw ExitCode(1)
        }
    }

    private func output(_ reports: [SimulationReport], finished: Bool) throws -> String {
        if json { return try SimulationReport.json(reports) }
        guard let first = reports.first else { return "" }
        var lines = [(finished ? "" : "interrupted: ") + SimulationReport.setting(first.parameters)
            + (first.parameters.targetsRealKey ? ", on the real key " : ", on ") + first.lockKey]
        lines.append(SimulationReport.table(reports))
        if reports.count == 1 {
            lines.append("acquisitions per client: " + first.perClient.map(String.init).joined(separator: " "))
        }
        return lines.joined(separator: "\n")
    }
}
