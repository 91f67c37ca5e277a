import ArgumentParser
import RedisClient
import RedisServerKit

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Start a private redis-server and show it working (the dashboard replaces this placeholder)."
    )

    func run() async throws {
        let server = try await RedisServer.start(transport: .unixSocket)
        let connection = try await RedisConnection.connect(to: server.endpoint)
        let reply = try await connection.send("PING")
        print("private redis-server at \(server.endpoint): PING -> \(reply)")
        await server.stop()
    }
}
