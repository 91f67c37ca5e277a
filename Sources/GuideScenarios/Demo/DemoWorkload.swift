import LockKit
import RedisClient

/// The guide's scenarios, running continuously on LockKit against the demo server until
/// stopped: what `locktop demo` shows in every view.
public struct DemoWorkload: Sendable {
    /// The demo server the scenarios run against.
    public let endpoint: RedisEndpoint
    let progress = DemoProgress()
    /// Ends the scenario loops after their current round.
    public let stop = DemoStop()
    let shop = DemoShop()
    let bank = DemoBank()

    /// The scenarios, ready to run against the server at `endpoint`.
    public init(endpoint: RedisEndpoint) {
        self.endpoint = endpoint
    }

    /// Runs every scenario until `stop` is requested (each finishes its round) or the task is cancelled.
    public func run() async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await loop(.coupons, pause: .milliseconds(1500), DemoCoupons(endpoint: endpoint).round) }
            group.addTask { await loop(.files, pause: .milliseconds(500), DemoFiles(endpoint: endpoint).round) }
            for priority in DemoPriorityWorkers.priorities {
                group.addTask {
                    await loop(.priority, pause: .milliseconds(300), DemoPriorityWorkers(endpoint: endpoint, priority: priority).round)
                }
            }
            for worker in 0..<DemoShop.workers {
                group.addTask { await loop(.orders, pause: .milliseconds(700), shop.orderLoop(endpoint: endpoint, worker: worker)) }
            }
            group.addTask { await loop(.transfers, pause: .milliseconds(900), bank.transferLoop(endpoint: endpoint)) }
        }
    }

    /// Runs `makeRound`'s rounds until stopped; a failed round is counted and retried after a second.
    private func loop(_ scenario: DemoScenario, pause: Duration,
                      _ makeRound: @escaping @Sendable (DemoProgress) async throws -> DemoRound) async {
        var round: DemoRound?
        while !stop.isRequested {
            do {
                if round == nil { round = try await makeRound(progress) }
                try await round?()
                await stop.pause(pause)
            } catch {
                guard !stop.isRequested else { return }
                progress.recordError(scenario, error)
                await stop.pause(.seconds(1))
            }
        }
    }

    /// What every scenario did, and whether what they left in Redis adds up.
    public func summary() async throws -> DemoSummary {
        let connection = try await RedisConnection.connect(to: endpoint, options: RedisConnectionOptions(clientName: "locktop-demo"))
        defer { Task { await connection.close() } }
        return DemoSummary(tally: progress.current,
                           shop: try await shop.check(on: connection),
                           bank: try await bank.check(on: connection))
    }
}

/// One round of a scenario, made once per loop with its connections (`DemoWorkload.loop`).
typealias DemoRound = @Sendable () async throws -> Void
