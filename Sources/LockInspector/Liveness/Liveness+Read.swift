import RedisClient
import VisibleText

extension Liveness {
    /// Reads the server's connections (`CLIENT LIST`, one call) and the subscribers of the
    /// release channels `locks` announce on (`PUBSUB CHANNELS`, then one `PUBSUB NUMSUB` for
    /// those of them that have subscribers). A command the user may not run leaves its part
    /// unknown and says why in `refusal`.
    public static func read(_ connection: RedisConnection, locks: [LockEntity]) async throws(RedisError) -> Liveness {
        var refusals: [String] = []
        var liveness: Liveness
        if let reply = try await connection.sendIfPermitted("CLIENT", "LIST") {
            liveness = Liveness(clients: ClientList(text: reply.string ?? ""))
        } else {
            liveness = Liveness(processes: nil, subscribers: nil)
            refusals.append("CLIENT LIST refused: owners show ?")
        }
        liveness.subscribers = try await subscribers(connection, locks: locks)
        if liveness.subscribers == nil { refusals.append("PUBSUB refused: release-channel waiters show ?") }
        liveness.refusal = refusals.isEmpty ? nil : refusals.joined(separator: "; ")
        return liveness
    }

    /// Subscribers per release channel of `locks`, for the channels that have any.
    private static func subscribers(_ connection: RedisConnection, locks: [LockEntity]) async throws(RedisError) -> [[UInt8]: Int]? {
        let wanted = Set(locks.lazy.compactMap { $0.releaseChannel?.name })
        // Active channels only: bounded by what clients subscribe to, not by the locks.
        guard let active = try await connection.sendIfPermitted("PUBSUB", "CHANNELS") else { return nil }
        let asked = (active.array ?? []).compactMap(\.bytes).filter(wanted.contains)
        guard !asked.isEmpty else { return [:] }
        let reply: RESPValue
        do {
            reply = try await connection.send(RedisCommand("PUBSUB", arguments: [String("NUMSUB")] + asked.map { $0 as any RedisArgument }))
        } catch {
            // ACLs grant subcommands one by one: CHANNELS allowed, NUMSUB not.
            if error.serverMessage?.hasPrefix("NOPERM") == true { return nil }
            throw error
        }
        let flat = reply.array ?? []
        var counts: [[UInt8]: Int] = [:]
        var index = 0
        while index + 1 < flat.count {
            if let channel = flat[index].bytes, let count = flat[index + 1].int, count > 0 { counts[channel] = count }
            index += 2
        }
        return counts
    }
}
