import Foundation
import RedisClient
import Testing
import TestSupport

/// `locktop list` names the server it read: the table's first line and the JSON `server` member.
@Suite struct ServerListTests {
    @Test(arguments: [ServerSetup.redis, .valkey, .valkeyWithoutLua])
    func listNamesTheServerItsVersionAndWhatItAllows(on setup: ServerSetup) async throws {
        let server = try await setup.start()
        let seed = try await server.connect()
        try await seed.send("SET", "lock:{order}", DashboardHarness.lockKitToken(), "PX", 60_000)
        await seed.close()

        let json = try await Tool.runOffPool(try LocktopBinary.path(), ["list", "--json", "--url", server.url])
        #expect(json.status == 0, "\(json.standardError)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
        let member = try #require(report["server"] as? [String: Any], "no server member in \(json.standardOutput)")
        #expect(member["flavor"] as? String == setup.kind.rawValue)
        #expect((member["version"] as? String)?.hasPrefix(setup.kind == .valkey ? "8.1." : "7.") == true)
        #expect(member["scripting"] as? Bool == setup.scripting)
        #expect(member["setIfEqual"] as? Bool == (setup.kind == .valkey))
        #expect(member["deleteIfEqual"] == nil)

        let table = try await Tool.runOffPool(try LocktopBinary.path(), ["list", "--url", server.url])
        #expect(table.status == 0, "\(table.standardError)")
        let header = table.standardOutput.split(separator: "\n").first.map(String.init) ?? ""
        #expect(header.hasPrefix("server: \(setup.kind) "), "\(table.standardOutput)")
        #expect(header.hasSuffix("Lua)") && header.contains("no Lua") == !setup.scripting, "\(header)")
        await server.stop()
    }
}
