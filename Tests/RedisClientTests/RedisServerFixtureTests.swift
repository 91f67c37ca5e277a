import Foundation
import RedisClient
import TestSupport
import Testing

@Suite struct RedisServerFixtureTests {
    @Test func restartKeepsTheSameAddressAndLosesData() async throws {
        let server = try await RedisServer.start()
        let firstPid = server.pid
        try await server.connect().send("SET", "k", "v")
        try await server.restart()
        #expect(server.pid != firstPid)
        #expect(try await server.connect().send("GET", "k") == .null)
        await server.stop()
    }

    @Test func stopRemovesTheProcessAndItsFolder() async throws {
        let server = try await RedisServer.start(transport: .unixSocket)
        let pid = try #require(server.pid)
        await server.stop()
        #expect(kill(pid, 0) != 0)
        #expect(server.pid == nil)
        #expect(!FileManager.default.fileExists(atPath: server.directory.path))
    }

    @Test func fiveServersRunAtOnce() async throws {
        let servers = try await RedisServer.startMany(5)
        #expect(Set(servers.map(\.endpoint)).count == 5)
        for server in servers { #expect(try await server.connect().send("PING") == .status("PONG")) }
        for server in servers { await server.stop() }
    }

    @Test func badArgumentsReportTheServerLog() async {
        await #expect {
            _ = try await RedisServer.start(arguments: ["--no-such-option", "1"])
        } throws: { error in
            guard case .exited(let log) = error as? RedisServerError else { return false }
            return log.contains("no-such-option")
        }
    }
}
