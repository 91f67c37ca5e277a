import ArgumentParser
import Foundation
import LockInspector
import LocktopApp
import RedisClient
import RedisServerKit

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Open the dashboard on a private redis-server holding a few example locks.",
        discussion: """
            Starts a private redis-server on a temporary unix socket (keyspace notifications on), \
            puts example locks into it (a lock with a TTL, a priority queue with two waiters, a \
            lock with no TTL, a saga stuck compensating) and opens the dashboard on it. The server \
            stops when the dashboard closes (q), and also when locktop is interrupted (Ctrl-C).

            Before the dashboard opens, the server's URL is printed on standard error; to watch \
            the same server from another terminal, run what it says, e.g. \
            `locktop --url unix:///tmp/locktop-redis-1a2b3c4d/redis.sock`, or \
            `redis-cli -s /tmp/locktop-redis-1a2b3c4d/redis.sock` to change it by hand.
            """
    )

    @Flag(help: "Send no write command from the dashboard (actions are refused).")
    var readOnly = false

    @Option(help: ArgumentHelp("Colour theme (see locktop --help).", valueName: "name"))
    var theme: String?

    func run() async throws {
        let server = try await RedisServer.start(transport: .unixSocket, arguments: ["--notify-keyspace-events", "KA"])
        do {
            try await DemoSeed.plant(in: server.endpoint)
            let url = Self.url(of: server.endpoint)
            FileHandle.standardError.write(Data("""
                locktop demo: private redis-server at \(url)
                  watch it from another terminal: locktop --url \(url)
                  it stops when this dashboard closes (q).

                """.utf8))
            var feed = FeedOptions()
            feed.readOnly = readOnly
            try await Dashboard.run(DashboardOptions(endpoint: server.endpoint, feedOptions: feed, themeName: theme))
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }

    /// The URL `--url` takes for `endpoint`.
    static func url(of endpoint: RedisEndpoint) -> String {
        switch endpoint.address {
        case .unix(let path): "unix://\(path)"
        case .tcp(let host, let port): "redis://\(host):\(port)"
        }
    }
}
