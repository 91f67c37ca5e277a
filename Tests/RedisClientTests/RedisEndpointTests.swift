import RedisClient
import Testing

@Suite struct RedisEndpointTests {
    struct Good: Sendable, CustomTestStringConvertible {
        let url: String
        let address: RedisEndpoint.Address
        var database = 0
        var username: String?
        var password: String?
        var testDescription: String { url }
    }

    static let good: [Good] = [
        Good(url: "redis://localhost", address: .tcp(host: "localhost", port: 6379)),
        Good(url: "redis://127.0.0.1:6380", address: .tcp(host: "127.0.0.1", port: 6380)),
        Good(url: "redis://127.0.0.1:6380/3", address: .tcp(host: "127.0.0.1", port: 6380), database: 3),
        Good(url: "redis://:s3cret@cache:7000/1", address: .tcp(host: "cache", port: 7000), database: 1, password: "s3cret"),
        Good(url: "redis://alice:p%40ss@cache", address: .tcp(host: "cache", port: 6379), username: "alice", password: "p@ss"),
        Good(url: "redis://alice@cache", address: .tcp(host: "cache", port: 6379), username: "alice"),
        Good(url: "redis://[::1]:6390", address: .tcp(host: "::1", port: 6390)),
        Good(url: "REDIS://host/", address: .tcp(host: "host", port: 6379)),
        Good(url: "unix:///run/redis.sock", address: .unix(path: "/run/redis.sock")),
        Good(url: "unix:///tmp/r.sock?db=5", address: .unix(path: "/tmp/r.sock"), database: 5),
    ]

    @Test(arguments: good)
    func parsesGoodURL(_ case_: Good) throws {
        let endpoint = try RedisEndpoint(url: case_.url)
        #expect(endpoint.address == case_.address)
        #expect(endpoint.database == case_.database)
        #expect(endpoint.username == case_.username)
        #expect(endpoint.password == case_.password)
    }

    static let bad: [(url: String, part: String)] = [
        ("localhost:6379", "scheme"),
        ("http://localhost", "scheme"),
        ("redis://", "host"),
        ("redis://:pw@", "host"),
        ("redis://host:0", "port"),
        ("redis://host:65536", "port"),
        ("redis://host:abc", "port"),
        ("redis://host/x", "database"),
        ("redis://host/-1", "database"),
        ("redis://[::1:6379", "host"),
        ("unix://relative.sock", "path"),
        ("unix:///tmp/r.sock?db=x", "database"),
        ("unix:///tmp/r.sock?timeout=3", "query"),
    ]

    @Test(arguments: bad)
    func rejectsBadURLNamingThePart(_ url: String, _ part: String) {
        #expect {
            _ = try RedisEndpoint(url: url)
        } throws: { error in
            (error as? RedisURLError)?.part == part
        }
    }

    @Test func redissParsesToTLSWithTheSystemTrustStoreAndNameChecks() throws {
        let endpoint = try RedisEndpoint(url: "rediss://alice:pw@secure.example:6380/2")
        #expect(endpoint.address == .tcp(host: "secure.example", port: 6380))
        #expect(endpoint.database == 2)
        #expect(endpoint.username == "alice")
        #expect(endpoint.tls == TLSOptions())
        #expect(endpoint.tls?.verifiesPeer == true)
        #expect(endpoint.tls?.caFile == nil)
        #expect(try RedisEndpoint(url: "redis://secure.example").tls == nil)
    }

    @Test func tlsOptionsNeverPrintTheKeyPassphrase() {
        let options = TLSOptions(caFile: "/ca.pem", certificateFile: "/c.pem", keyFile: "/k.pem", keyPassphrase: "hunter2", verifiesPeer: false)
        #expect(!"\(options)".contains("hunter2"))
        #expect(!String(reflecting: options).contains("hunter2"))
        #expect("\(options)" == "TLS (cacert /ca.pem, cert /c.pem, key /k.pem, insecure)")
    }

    @Test func tlsOptionsFollowAnEndpointToItsClusterNodes() throws {
        let endpoint = try RedisEndpoint(url: "rediss://127.0.0.1:7000")
        #expect(try endpoint.asCluster().tls == TLSOptions())
        #expect(endpoint.node("127.0.0.1", 7001).tls == TLSOptions())
    }

    @Test func passwordComesFromTheEnvironmentWhenTheURLHasNone() throws {
        let fromCLI = try RedisEndpoint(url: "redis://host", environment: ["REDISCLI_AUTH": "a", "LOCKTOP_PASSWORD": "b"])
        #expect(fromCLI.password == "a")
        let fromLocktop = try RedisEndpoint(url: "redis://host", environment: ["LOCKTOP_PASSWORD": "b"])
        #expect(fromLocktop.password == "b")
        let urlWins = try RedisEndpoint(url: "redis://:c@host", environment: ["REDISCLI_AUTH": "a"])
        #expect(urlWins.password == "c")
    }

    @Test func descriptionNeverShowsThePassword() throws {
        let endpoint = try RedisEndpoint(url: "redis://alice:hunter2@cache:7000/2")
        #expect(!endpoint.description.contains("hunter2"))
        #expect(endpoint.description == "alice@cache:7000 db 2")
    }

    @Test func badURLErrorDoesNotEchoThePassword() {
        let error = #expect(throws: RedisURLError.self) { try RedisEndpoint(url: "cache:hunter2@host") }
        #expect(error?.description.contains("hunter2") == false)
    }
}
