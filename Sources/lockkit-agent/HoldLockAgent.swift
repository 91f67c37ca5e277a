import Foundation
import LockKit
import RedisClient

/// `hold-lock --url U --resource R [--ttl-ms N]`: takes a DistributedLock on R, prints
/// `held <token>`, and holds it until killed: the owner whose death the inspector must see.
enum HoldLockAgent {
    static func hold(_ arguments: [String]) async throws -> Int32 {
        let options = try AgentOptions(arguments)
        let resource = try options.required("resource")
        let ttl = Duration.milliseconds(try options.int("ttl-ms", default: 60_000))
        let connection = try await options.connect()
        let lease = try await DistributedLock(connection: connection).acquire(resource, ttl: ttl, wait: .seconds(10))
        Agent.say("held \(lease.token.value)")
        await Agent.blockForever()
    }
}
