import Foundation
import RedisClient
import Testing
import TestSupport

/// The dashboard as a read-only ACL user with no channel access (Redis 7's default for a new user).
@Suite("Dashboard as a restricted user")
struct RestrictedUserDashboardTests {
    @Test("the locks show, and the status line says once what the missing rights cost")
    func readOnlyUserSeesLocks() async throws {
        let rules = ["+@read", "+@connection", "+info", "+scan", "+ping", "+client|setname", "+subscribe", "+psubscribe", "-@write"]
        try await DashboardHarness.run(arguments: ["--read-only", "--user", "ro"], environment: ["REDISCLI_AUTH": "pw"], beforeStart: { server in
            let admin = try await server.connect()
            try await admin.send(RedisCommand("ACL", arguments: ["SETUSER", "ro", "on", ">pw", "~*"] + rules))
            try await admin.send("SET", "lock:{coupon:1}", DashboardHarness.lockKitToken(), "PX", 60_000)
        }) { dashboard in
            let screen = try await dashboard.screen.waitForScreen(containing: "lock:{coupon:1}", "e2ehost", "no channel access")
            #expect(screen.contains("READ-ONLY"))
        }
    }
}
