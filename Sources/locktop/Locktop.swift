import ArgumentParser
import Foundation
import LockInspector
import LocktopApp
import TerminalUI

@main
struct Locktop: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "locktop",
        abstract: "htop for Redis locks.",
        discussion: """
            Without a subcommand, opens the dashboard: every lock, queue, saga and transaction in \
            the Redis, live. Keys: arrows or j/k move, Tab or 1-6 switch view, / filter, s sort, \
            Enter details, d force-release, e extend, t next theme, r rescan, space pause, \
            y/Y copy key/owner token, m mark, w write a snapshot (locktop replay opens it), ? help, q quit.
            """,
        version: "\(version) (commit \(BuildStamp.commit))",
        subcommands: [ListCommand.self, DiscoverCommand.self, SimulateCommand.self, DemoCommand.self, ExporterCommand.self, BenchCommand.self,
                      ReplayCommand.self],
        // -h is the host, as in redis-cli; help is --help only.
        helpNames: [.long]
    )

    /// The release number; `make deb` names the package after it.
    static let version = "0.1.0"

    @OptionGroup var connection: ConnectionArguments
    @OptionGroup var dashboard: DashboardArguments

    func run() async throws {
        let profile = try connection.server.loadProfile()
        let servers = try connection.server.endpoints(profile: profile)
        let endpoint = servers.count > 1 ? servers[0] : try await connection.server.detectingCluster(profile: profile)
        var options = dashboard.options(endpoint: endpoint, patterns: connection.pattern, profile: profile)
        if servers.count > 1 { options.redlockServers = servers }
        do {
            try await Dashboard.run(options)
        } catch let error as TerminalError {
            // The error already says what to use instead; a usage dump would bury it.
            FileHandle.standardError.write(Data("locktop: cannot open the dashboard: \(error)\n".utf8))
            throw ExitCode(1)
        }
    }
}
