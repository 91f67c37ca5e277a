import RedisClient
import Testing

/// `INFO server` as Redis and Valkey write it: Valkey keeps a Redis-compatible
/// `redis_version` (7.2.4 on 8.1) and only `server_name` / `valkey_version` tell it apart.
@Suite struct ServerInfoTests {
    @Test func valkeyIsToldApartByItsOwnFieldsNotByRedisVersion() throws {
        let info = try #require(ServerInfo(infoReply: "# Server\r\nredis_version:7.2.4\r\nserver_name:valkey\r\nvalkey_version:8.1.8\r\n"))
        #expect(info == ServerInfo(flavor: .valkey, version: ServerVersion(8, 1, 8)))
        #expect(ServerCapabilities.hasSetIfEqual(info))
        #expect(info.description == "valkey 8.1.8")
    }

    @Test func redisVersionsDecideSetIfEqualFromEightFour() throws {
        let old = try #require(ServerInfo(infoReply: "# Server\r\nredis_version:7.0.15\r\nredis_mode:standalone\r\n"))
        #expect(old == ServerInfo(flavor: .redis, version: ServerVersion(7, 0, 15)))
        #expect(!ServerCapabilities.hasSetIfEqual(old))
        #expect(ServerCapabilities.hasSetIfEqual(ServerInfo(flavor: .redis, version: ServerVersion(8, 4))))
        #expect(!ServerCapabilities.hasSetIfEqual(ServerInfo(flavor: .valkey, version: ServerVersion(8, 0, 2))))
        #expect(!ServerCapabilities.hasSetIfEqual(nil))
    }

    @Test func aReplyWithoutAVersionOrWithAMangledOneIsNotGuessed() {
        #expect(ServerInfo(infoReply: "# Server\r\nredis_mode:standalone\r\n") == nil)
        #expect(ServerInfo(infoReply: "redis_version:seven\r\n") == nil)
        #expect(ServerInfo(infoReply: "server_name:valkey\r\nredis_version:7.2.4\r\n") == nil)
        #expect(ServerVersion("8.1") == ServerVersion(8, 1, 0))
        #expect(ServerVersion("8..1") == nil)
    }
}
