import LockKit
import RedisClient
import TestSupport
import Testing

@Suite struct PriorityLockCrashTests {
    @Test func waiterWhoseProcessIsKilledIsRemovedAndTheNextProceeds() async throws {
        let server = try await RedisServer.start()
        guard case .tcp(let host, let port) = server.endpoint.address else { return }
        let redis = try await server.connect()
        let notifications = try ReleaseNotifications(endpoint: server.endpoint)
        let lock = PriorityLock(connection: redis, notifications: notifications)
        let holder = try await lock.acquire("job", priority: 5, ttl: .seconds(30), wait: .zero)

        // A waiter in another process, ahead of ours (priority 1), that will die without leaving.
        let agent = try AgentProcess.start(["priority-wait", "--url", "redis://\(host):\(port)", "--resource", "job",
                                            "--priority", "1"])
        let queued = try await agent.readLine(startingWith: "queued ")
        let deadToken = String(queued.dropFirst("queued ".count))

        let ours = Task { try await lock.acquire("job", priority: 5, ttl: .seconds(30), wait: .seconds(60)) }
        while try await lock.queuedWaiters("job").count < 2 {}
        #expect(try await lock.queuedWaiters("job").first?.token.value == deadToken)

        _ = await agent.kill()
        try await holder.release()
        let lease = try await ours.value
        #expect(lease.isHeld)
        #expect(try await lock.queuedWaiters("job").contains { $0.token.value == deadToken } == false)
        try await lease.release()
        notifications.stop()
        await server.stop()
    }
}
