import LockInspector
import RedisClient
import TestSupport
import Testing

/// The live feed as users with few rights: it always scans, polls when it may not listen,
/// says why once, and asks each refused command once.
@Suite(.timeLimit(.minutes(2)))
struct RestrictedUserFeedTests {
    /// ACL rules of the two users of the issue: a read-only user (Redis 7 gives it no channel
    /// access), and one without CONFIG, CLIENT, PUBSUB, INFO or any channel.
    static let users: [(name: String, rules: [String])] = [
        ("ro", ["+@read", "+@connection", "+info", "+scan", "+ping", "+client|setname", "+subscribe", "+psubscribe", "-@write"]),
        ("bare", ["+@read", "+@connection", "+scan", "+ping", "-config", "-client", "-pubsub", "-info", "-@write", "resetchannels"]),
    ]

    @Test(arguments: users.map(\.name))
    func aRestrictedUserSeesEveryLockPollsAndIsRefusedEachCommandOnce(_ user: String) async throws {
        let server = try await RedisServer.start()
        let admin = try await server.connect()
        let rules = try #require(Self.users.first { $0.name == user }).rules
        try await admin.send(RedisCommand("ACL", arguments: ["SETUSER", user, "on", ">pw", "~*"] + rules))
        try await admin.send("SET", "lock:{coupon:1}", "1700000000000-web-1-4242-0badcafe", "PX", 60_000)

        var endpoint = server.endpoint
        endpoint.username = user
        endpoint.password = "pw"
        var options = FeedOptions()
        options.refreshInterval = .milliseconds(100)
        options.readOnly = true
        let feed = LiveFeed(endpoint: endpoint, options: options)
        feed.start()
        var updates = feed.updates.makeAsyncIterator()
        guard let reason = await updates.pollingReason() else { return }
        #expect(reason.contains("no channel access: polling every 100 ms"))
        #expect(await updates.snapshot { $0.contains("lock:{coupon:1}") } != nil)
        // Several polls later, a change still shows, and no refused command was asked twice.
        try await admin.send("DEL", "lock:{coupon:1}")
        #expect(await updates.snapshot { !$0.contains("lock:{coupon:1}") } != nil)
        try await admin.send("SET", "lock:{coupon:2}", "1700000000000-web-1-4242-0badcafe", "PX", 60_000)
        #expect(await updates.snapshot { $0.contains("lock:{coupon:2}") } != nil)
        feed.stop()

        let log = try await admin.send("ACL", "LOG", 100).array ?? []
        let refusals = log.compactMap { entry -> (object: String, count: Int)? in
            let fields = entry.array ?? []
            let pairs = stride(from: 0, to: fields.count - 1, by: 2).map { (fields[$0].string ?? "", fields[$0 + 1]) }
            let values = Dictionary(pairs, uniquingKeysWith: { first, _ in first })
            guard let object = values["object"]?.string, let count = values["count"]?.int else { return nil }
            return (object, count)
        }
        #expect(!refusals.isEmpty)
        #expect(refusals.allSatisfy { $0.count == 1 }, "\(refusals)")
        #expect(!refusals.contains { ["set", "del", "config|set"].contains($0.object) })
        await server.stop()
    }
}
