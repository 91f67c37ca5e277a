import ArgumentParser
import Foundation
import LockInspector
import LocktopApp
import RedisClient

struct DiscoverCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "discover",
        abstract: "Find every lock in a Redis, whatever its keys are called, in one pass (SCAN only).",
        discussion: """
            Every key is visited with SCAN (never KEYS; COUNT paced so that each call stays well under \
            2 ms of server time) and filed under the pattern its name suggests (orders:42 -> orders:*). \
            A few keys of each pattern are read; a pattern whose keys are recognised is read in full. \
            Groups are printed with the family, TTL range, confidence (lock, or possible when only the \
            token's shape says so) and evidence. --save-profile writes the lock patterns into a \
            connection profile, so the dashboard and list follow them: locktop -P NAME.
            """
    )

    @OptionGroup var server: EndpointArguments

    @Option(help: "Write the patterns of the groups found to be locks into this connection profile.")
    var saveProfile: String?

    @Flag(help: "With --save-profile: also save the patterns of possible locks.")
    var includePossible = false

    @Option(help: "SCAN COUNT of the first call.")
    var scanCount = 500

    @Option(help: "SCAN COUNT is scaled so that each call answers within 0.8 ms, up to this.")
    var maxScanCount = 5000

    func run() async throws {
        let profile = try server.loadProfile()
        let endpoint = try server.endpoint(profile: profile)
        let report: DiscoveryReport
        do {
            let redis = try await RedisConnection.connect(to: endpoint)
            report = try await Discovery(connection: redis, count: scanCount, maximumCount: maxScanCount).run()
            await redis.close()
        } catch {
            FileHandle.standardError.write(Data("locktop: \(error)\n".utf8))
            throw ExitCode(1)
        }
        print(report.table())
        guard let name = saveProfile else { return }
        var patterns = report.lockPatterns
        if includePossible { patterns = Array(Set(patterns + report.groups.filter { $0.family != .unknown }.map(\.pattern))).sorted() }
        guard !patterns.isEmpty else {
            FileHandle.standardError.write(Data("locktop: no lock patterns found; profile \(name) left as it was\n".utf8))
            throw ExitCode(1)
        }
        // The file never holds a password: a URL's is dropped (give it with password_env).
        let url = (server.url.first ?? profile?.url).map { text -> String in
            guard var components = URLComponents(string: text), components.password != nil else { return text }
            components.password = nil
            return components.string ?? text
        }
        let path = try ProfileStore.savePatterns(patterns, toProfile: name, url: url,
                                                 environment: ProcessInfo.processInfo.environment)
        print("saved \(patterns.count) pattern(s) to profile \(name) in \(path): locktop -P \(name)")
    }
}
