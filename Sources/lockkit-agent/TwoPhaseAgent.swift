import Foundation
import LockKit
import RedisClient

/// `lockkit-agent 2pc-transfer`: moves `--amount` from `--from` to `--to` in a two-phase
/// commit, and can stop for good at a chosen point so a test can SIGKILL it there:
///
///     lockkit-agent 2pc-transfer --redis URL --tx ID --from KEY --to KEY --amount N
///         [--timeout-ms N] [--lock-ttl-ms N] [--pause-after-prepare | --pause-after-decision]
///
/// It prints `prepared <id>` after recording `prepared`, `decided <state> <id>` after
/// recording the decision, and `outcome committed|aborted <id>` at the end (exit 0).
/// A pause point prints its line and then blocks until the process is killed.
enum TwoPhaseAgent {
    static let usage = """
        usage: lockkit-agent 2pc-transfer --redis URL --tx ID --from KEY --to KEY --amount N
               [--timeout-ms N] [--lock-ttl-ms N] [--pause-after-prepare | --pause-after-decision]
        """

    static func transfer(_ arguments: [String]) async throws -> Int32 {
        let options: Options
        do { options = try Options(arguments) } catch { Agent.fail("\(error)\n\(usage)") }
        let endpoint = try RedisEndpoint(url: options.redis, environment: ProcessInfo.processInfo.environment)
        let connection = try await RedisConnection.connect(to: endpoint, options: RedisConnectionOptions(clientName: "lockkit-agent"))
        let pauseAfterPrepare = options.pauseAfterPrepare
        let pauseAfterDecision = options.pauseAfterDecision
        let hooks = TwoPhaseHooks(
            afterPrepare: { id in
                Agent.say("prepared \(id)")
                if pauseAfterPrepare { await Agent.blockForever() }
            },
            afterDecision: { id, decision in
                Agent.say("decided \(decision.rawValue) \(id)")
                if pauseAfterDecision { await Agent.blockForever() }
            })
        let coordinator = TwoPhaseCommit(connection: connection, timeout: .milliseconds(options.timeoutMs),
                                         lockTTL: .milliseconds(options.lockTTLMs), hooks: hooks)
        let participants: [any TwoPhaseParticipant] = [
            TwoPhaseReservation(connection: connection, key: options.from, delta: -options.amount),
            TwoPhaseReservation(connection: connection, key: options.to, delta: options.amount),
        ]
        switch try await coordinator.run(participants, id: options.tx) {
        case .committed: Agent.say("outcome committed \(options.tx)")
        case .aborted(let reason): Agent.say("outcome aborted \(options.tx) \(reason)")
        }
        return 0
    }

    struct Options {
        var redis = ""
        var tx = ""
        var from = ""
        var to = ""
        var amount = 0
        var timeoutMs = 30_000
        var lockTTLMs = 10_000
        var pauseAfterPrepare = false
        var pauseAfterDecision = false

        init(_ arguments: [String]) throws(TwoPhaseAgentUsageError) {
            var rest = arguments[...]
            while let flag = rest.popFirst() {
                switch flag {
                case "--pause-after-prepare": pauseAfterPrepare = true
                case "--pause-after-decision": pauseAfterDecision = true
                default:
                    guard let value = rest.popFirst() else { throw TwoPhaseAgentUsageError("\(flag) needs a value") }
                    switch flag {
                    case "--redis": redis = value
                    case "--tx": tx = value
                    case "--from": from = value
                    case "--to": to = value
                    case "--amount": amount = try Self.number(flag, value)
                    case "--timeout-ms": timeoutMs = try Self.number(flag, value)
                    case "--lock-ttl-ms": lockTTLMs = try Self.number(flag, value)
                    default: throw TwoPhaseAgentUsageError("unknown option \(flag)")
                    }
                }
            }
            for (name, value) in [("--redis", redis), ("--tx", tx), ("--from", from), ("--to", to)] where value.isEmpty {
                throw TwoPhaseAgentUsageError("\(name) is required")
            }
            guard amount > 0 else { throw TwoPhaseAgentUsageError("--amount must be a positive number") }
        }

        private static func number(_ flag: String, _ value: String) throws(TwoPhaseAgentUsageError) -> Int {
            guard let number = Int(value), number > 0 else { throw TwoPhaseAgentUsageError("\(flag) needs a positive number, got '\(value)'") }
            return number
        }
    }
}

/// A bad command line for the two-phase agent.
struct TwoPhaseAgentUsageError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
