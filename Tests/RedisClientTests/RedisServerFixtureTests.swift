import Foundation
@testable import ServerProcessKit
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

    @Test func aStoppedServersPortIsGivenToNoOtherServerAndRefuses() async throws {
        let server = try await RedisServer.start()
        await server.stop()
        let others = try await RedisServer.startMany(10)
        #expect(!others.map(\.endpoint).contains(server.endpoint))
        await #expect(throws: RedisError.self) { _ = try await RedisConnection.connect(to: server.endpoint) }
        for other in others { await other.stop() }
    }

    @Test func aReservedPortIsNotReservedTwiceAndItsClusterBusIsFree() throws {
        let held = try PortReservation.next()
        let more = try (0..<200).map { _ in try PortReservation.next() }
        #expect(Set(more.map(\.port) + [held.port]).count == 201)
        let busPorts = Set(([held] + more).map { $0.port + 10_000 })
        #expect(busPorts.isDisjoint(with: ([held] + more).map(\.port)))
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

@Suite struct ChildProcessOutputTests {
    /// Found by the JSON round-trip test: output read in 4 KB pieces cut a character in two,
    /// and each half was decoded as a replacement character.
    @Test func aCharacterAcrossTwoReadsArrivesWhole() throws {
        let text = String(repeating: "a", count: 4095) + "뿬" + String(repeating: "ß", count: 3000)
        let child = try ChildProcess.spawn("/usr/bin/printf", ["%s", text])
        close(child.stdinWriter)
        var output = ""
        child.readOutput { output += $0 }
        child.waitForExit()
        #expect(output == text)
    }

    @Test func theCompletePrefixStopsBeforeAnUnfinishedSequence() {
        #expect(ChildProcess.completeUTF8Prefix(Array("ab".utf8)) == 2)
        #expect(ChildProcess.completeUTF8Prefix(Array("a".utf8) + [0xEB, 0xBF]) == 1)
        #expect(ChildProcess.completeUTF8Prefix(Array("a".utf8) + [0xEB, 0xBF, 0xAC]) == 4)
        #expect(ChildProcess.completeUTF8Prefix([0xF0, 0x9F, 0x94]) == 0)
        #expect(ChildProcess.completeUTF8Prefix([0x61, 0xFF]) == 1)  // held back until more comes, or the end
    }
}
