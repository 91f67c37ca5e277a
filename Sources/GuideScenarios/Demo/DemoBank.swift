import LockKit
import RedisClient
import Synchronization

/// Two-phase commit transfers between three accounts; a transfer larger than the balance is
/// voted down and aborted. Money is only moved, so the total must never change.
final class DemoBank: Sendable {
    static let accounts = ["bank:{alice}", "bank:{bob}", "bank:{carol}"]
    static let initialBalance = 1_000
    private let opened = Mutex(false)

    func transferLoop(endpoint: RedisEndpoint) -> @Sendable (DemoProgress) async throws -> DemoRound {
        { progress in
            let connection = try await DemoConnections.open(endpoint, name: "bank")
            if self.opened.withLock({ done in defer { done = true }; return !done }) {
                let replies = try await connection.pipeline(Self.accounts.map { RedisCommand("SET", $0, Self.initialBalance) })
                if let message = replies.compactMap(\.errorMessage).first { throw DemoSetupError(message: "opening the accounts: \(message)") }
            }
            let coordinator = TwoPhaseCommit(connection: connection, retention: .seconds(300))
            let counter = Atomic(UInt64(0))
            return {
                var random = SplitMix64(seed: counter.add(1, ordering: .relaxed).newValue)
                let from = Int(random.next() % 3)
                let to = (from + 1 + Int(random.next() % 2)) % 3
                let amount = Int(random.next() % 600) + 1
                let outcome = try await coordinator.run([
                    TwoPhaseReservation(connection: connection, key: Self.accounts[from], delta: -amount),
                    TwoPhaseReservation(connection: connection, key: Self.accounts[to], delta: amount),
                ])
                switch outcome {
                case .committed: progress.record { $0.transfersCommitted += 1 }
                case .aborted: progress.record { $0.transfersAborted += 1 }
                }
            }
        }
    }

    /// Whether the accounts still hold all the money, none of it left reserved.
    func check(on connection: RedisConnection) async throws -> DemoSummary.Consistency {
        var total = 0
        var reserved = 0
        for account in Self.accounts {
            total += try await connection.send("GET", account).int ?? 0
            reserved += try await connection.send("GET", "\(account):reserved").int ?? 0
        }
        let expected = Self.initialBalance * Self.accounts.count
        var mismatches: [String] = []
        if total != expected { mismatches.append("accounts hold \(total), expected \(expected)") }
        if reserved != 0 { mismatches.append("\(reserved) still reserved after every transfer finished") }
        return DemoSummary.Consistency(checked: "total of \(Self.accounts.count) accounts", mismatches: mismatches)
    }
}

/// The demo could not set up its data.
struct DemoSetupError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
