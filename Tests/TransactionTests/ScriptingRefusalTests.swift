import LockKit
import RedisClient
import TestSupport
import Testing

/// Two-phase commit and the saga store need Lua: without it they refuse before writing
/// anything, naming the permission and the patterns that do work.
@Suite struct ScriptingRefusalTests {
    @Test func twoPhaseCommitAndSagaRefuseAtFirstUseWithoutLua() async throws {
        let server = try await ServerSetup.redisWithoutLua.start()
        let connection = try await server.connect()
        let expected = TransactionError.lock(.scriptingRefused(pattern: "TwoPhaseCommit", endpoint: server.endpoint.description))
        await #expect(throws: expected) {
            _ = try await TwoPhaseCommit(connection: connection)
                .run([TwoPhaseReservation(connection: connection, key: "account:{alice}", delta: -30)], id: "t1")
        }
        let saga = Saga(name: "order", id: "1", steps: [SagaStep("s1", action: { _ in })], connection: connection)
        await #expect(throws: TransactionError.lock(.scriptingRefused(pattern: "Saga", endpoint: server.endpoint.description))) {
            _ = try await saga.run()
        }
        #expect(expected.description.contains("+@scripting"))
        #expect(try await connection.send("DBSIZE").int == 0, "a refused pattern wrote nothing")
        await server.stop()
    }
}
